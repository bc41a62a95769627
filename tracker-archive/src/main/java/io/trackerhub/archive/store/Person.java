package io.trackerhub.archive.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.util.Locale;
import java.util.Optional;

/**
 * Someone the export names (requester, owner, comment author, reviewer). The export has names only: the archive gives
 * each name an id once, and initials and a username made from the name.
 */
@Entity
@Table(name = "person")
public class Person extends PanacheEntityBase {

    @Id
    public long id;
    public String name;
    public String initials;
    public String username;

    public static Optional<Person> byName(String name) {
        return find("name", name).firstResultOptional();
    }

    static String initials(String name) {
        StringBuilder initials = new StringBuilder();
        for (String part : name.strip().split("\\s+")) {
            if (!part.isEmpty() && Character.isLetterOrDigit(part.codePointAt(0))) {
                initials.appendCodePoint(Character.toUpperCase(part.codePointAt(0)));
            }
        }
        return initials.isEmpty() ? "?" : initials.toString();
    }

    static String username(String name) {
        String username = name.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "");
        return username.isEmpty() ? "person" : username;
    }
}
