package dev.cairn.identity.internal;

import dev.cairn.identity.Actor;
import java.util.ArrayList;
import java.util.List;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** Authorities derived from an actor: its role, and WRITE when it may change things. */
final class CairnAuthorities {

    static final String WRITE = "WRITE";

    private CairnAuthorities() {}

    static List<GrantedAuthority> of(Actor actor) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        authorities.add(new SimpleGrantedAuthority("ROLE_" + actor.role().name()));
        if (actor.canWrite()) {
            authorities.add(new SimpleGrantedAuthority(WRITE));
        }
        return authorities;
    }
}
