package io.trackerhub.events.vocabulary;

import java.util.List;

/** Tracker's story types ({@code story_type}), as API v5 spells them. */
public final class StoryTypes {

    public static final String FEATURE = "feature";
    public static final String BUG = "bug";
    public static final String CHORE = "chore";
    public static final String RELEASE = "release";

    public static final List<String> ALL = List.of(FEATURE, BUG, CHORE, RELEASE);

    private StoryTypes() {
    }
}
