package io.trackerhub.simulator.seed;

import java.util.List;
import java.util.Random;

/** Words a seeded world is written with, so that stories read like a real backlog. */
final class Names {

    static final List<String> FIRST = List.of("Ada", "Leo", "Maya", "Omar", "Priya", "Jonas", "Chen", "Sofia", "Kwame", "Ines",
            "Tomasz", "Hana", "Diego", "Amara", "Lars", "Yuki", "Noor", "Felix", "Zoe", "Rafael");
    static final List<String> LAST = List.of("Franchi", "Okafor", "Lindqvist", "Haddad", "Nakamura", "Schmidt", "Alvarez", "Kowalski",
            "Mensah", "Dubois", "Patel", "Moreau", "Tanaka", "Rossi", "Novak", "Silva", "Jensen", "Ibrahim", "Costa", "Walsh");
    static final List<String> PROJECTS = List.of("Checkout Revamp", "Mobile App", "Billing Platform", "Search", "Partner API",
            "Onboarding", "Data Warehouse", "Admin Console", "Notifications", "Growth Experiments", "Customer Portal", "Inventory");
    static final List<String> LABELS = List.of("ui", "backend", "api", "performance", "security", "ios", "android", "design",
            "needs review", "tech debt", "accessibility", "payments", "search", "analytics", "infra", "docs");
    static final List<String> ACTORS = List.of("Shopper", "Admin", "Guest", "Support agent", "Account owner", "Partner", "Buyer", "Editor");
    static final List<String> ACTIONS = List.of("should be able to", "can", "wants to");
    static final List<String> GOALS = List.of("save a cart for later", "pay with a saved card", "reset a forgotten password",
            "export orders as CSV", "filter products by price", "see order history", "invite a teammate", "upload a profile photo",
            "receive an email receipt", "compare two products", "apply a discount code", "track a shipment", "change the language",
            "delete their account", "subscribe to price alerts", "leave a product review");
    static final List<String> BUGS = List.of("Checkout button does nothing on Safari", "Totals are rounded wrongly for JPY",
            "Search returns deleted products", "Session expires while typing", "Images not scaled on product page",
            "CSV export misses the last row", "Password reset link expires too early", "Date picker shows the wrong week",
            "Cart badge count is stale", "Emails sent twice after retry");
    static final List<String> CHORES = List.of("Upgrade the payment SDK", "Rotate staging certificates", "Set up error alerting",
            "Move CI to the new runners", "Clean up feature flags", "Add database indexes for orders", "Update privacy policy page");
    static final List<String> RELEASES = List.of("Beta for partners", "Public launch", "Holiday readiness", "Investor demo", "v2.0");
    static final List<String> COMMENTS = List.of("Looks good to me.", "Can we split this story?", "Blocked on the API change.",
            "Designs are attached in the epic.", "I paired on this with @%s.", "Verified on staging.", "Needs a test for the edge case.",
            "Moved to the next iteration, sorry.");
    static final List<String> TASKS = List.of("Write the migration", "Add unit tests", "Update the docs", "Review copy with design",
            "Check analytics events", "Deploy to staging");
    static final List<String> EPICS = List.of("Faster checkout", "Self-service accounts", "Partner integrations", "Reliability",
            "Internationalisation", "Reporting");

    private Names() {
    }

    static <T> T pick(Random random, List<T> from) {
        return from.get(random.nextInt(from.size()));
    }
}
