package dev.cairn.comms;

import dev.cairn.catalog.Services;
import dev.cairn.comms.internal.AudienceStore;
import dev.cairn.comms.internal.FollowStore;
import dev.cairn.identity.Actor;
import dev.cairn.identity.Audit;
import dev.cairn.identity.TokenScope;
import dev.cairn.incident.Incidents;
import dev.cairn.shared.ForbiddenException;
import dev.cairn.shared.InvalidInputException;
import java.time.Clock;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Anyone in the organisation, viewers included, may follow an incident they can see or any service,
 * as the audience whose updates they want; they get those updates through their own contact
 * methods, and may stop at any time.
 */
@Service
public class Follows {

    static final String INCIDENT = "incident_id";
    static final String SERVICE = "service_id";

    private final FollowStore store;
    private final AudienceStore audiences;
    private final Incidents incidents;
    private final Services services;
    private final Audit audit;
    private final Clock clock;

    Follows(
            FollowStore store,
            AudienceStore audiences,
            Incidents incidents,
            Services services,
            Audit audit,
            Clock clock) {
        this.store = store;
        this.audiences = audiences;
        this.incidents = incidents;
        this.services = services;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public void followIncident(long incidentId, long audienceId, Actor actor) {
        incidents.get(incidentId, actor);
        follow(INCIDENT, incidentId, audienceId, actor);
    }

    @Transactional
    public void followService(long serviceId, long audienceId, Actor actor) {
        services.get(serviceId);
        follow(SERVICE, serviceId, audienceId, actor);
    }

    @Transactional
    public void unfollowIncident(long incidentId, Actor actor) {
        incidents.get(incidentId, actor);
        unfollow(INCIDENT, incidentId, actor);
    }

    @Transactional
    public void unfollowService(long serviceId, Actor actor) {
        services.get(serviceId);
        unfollow(SERVICE, serviceId, actor);
    }

    /** The audience the actor follows the incident as, if they do. */
    public Optional<Long> followingIncident(long incidentId, Actor actor) {
        incidents.get(incidentId, actor);
        return store.audienceOf(actor.userId(), INCIDENT, incidentId);
    }

    /**
     * The people following the incident or one of its services (for telling them about what comes
     * after the incident, such as its published review). Callers check who may see the incident.
     */
    public java.util.Set<Long> followerIds(long incidentId, java.util.Collection<Long> serviceIds) {
        return store.followers(incidentId, serviceIds).stream()
                .map(FollowStore.Follower::userId)
                .collect(java.util.stream.Collectors.toCollection(java.util.LinkedHashSet::new));
    }

    public Optional<Long> followingService(long serviceId, Actor actor) {
        return store.audienceOf(actor.userId(), SERVICE, serviceId);
    }

    private void follow(String column, long targetId, long audienceId, Actor actor) {
        requirePerson(actor);
        if (audiences.find(audienceId).isEmpty()) {
            throw new InvalidInputException("audienceId", "is not a known audience");
        }
        store.follow(actor.userId(), column, targetId, audienceId, clock.instant());
        audit.record(actor, "follow.created", column.replace("_id", ""), targetId, "audience=" + audienceId);
    }

    private void unfollow(String column, long targetId, Actor actor) {
        requirePerson(actor);
        if (store.unfollow(actor.userId(), column, targetId) > 0) {
            audit.record(actor, "follow.deleted", column.replace("_id", ""), targetId, "");
        }
    }

    private static void requirePerson(Actor actor) {
        if (actor.isSystem()) {
            throw new ForbiddenException("Only people follow incidents and services");
        }
        if (actor.scope() == TokenScope.READ) {
            throw new ForbiddenException("This token may only read");
        }
    }
}
