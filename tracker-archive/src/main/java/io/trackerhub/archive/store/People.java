package io.trackerhub.archive.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The archive's people, by name: each name gets an id the first time an export names it, and keeps it. */
@ApplicationScoped
public class People {

    private final EntityManager em;

    public People(EntityManager em) {
        this.em = em;
    }

    /** The ids of {@code names}, making the missing ones (in the caller's transaction). */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<String, Long> ids(Collection<String> names) {
        Map<String, Long> ids = new HashMap<>();
        if (names.isEmpty()) {
            return ids;
        }
        for (String name : names) {
            em.createNativeQuery("insert into person (id, name, initials, username) values (nextval('person_id_seq'), ?1, ?2, ?3) "
                            + "on conflict (name) do nothing")
                    .setParameter(1, name).setParameter(2, Person.initials(name)).setParameter(3, Person.username(name))
                    .executeUpdate();
        }
        List<Person> found = Person.list("name in ?1", List.copyOf(names));
        found.forEach(p -> ids.put(p.name, p.id));
        return ids;
    }
}
