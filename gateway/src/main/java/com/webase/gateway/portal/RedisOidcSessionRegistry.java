package com.webase.gateway.portal;

import java.time.Duration;
import java.util.Objects;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.core.ReactiveRedisTemplate;
import org.springframework.data.redis.serializer.JdkSerializationRedisSerializer;
import org.springframework.data.redis.serializer.RedisSerializationContext;
import org.springframework.data.redis.serializer.StringRedisSerializer;
import org.springframework.security.oauth2.client.oidc.authentication.logout.OidcLogoutToken;
import org.springframework.security.oauth2.client.oidc.server.session.ReactiveOidcSessionRegistry;
import org.springframework.security.oauth2.client.oidc.session.OidcSessionInformation;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Which portal session belongs to which Keycloak session ({@code sid}), kept in Redis beside the
 * sessions themselves, so that a back-channel logout delivered to any gateway finds a session made
 * on any other (decision 0020). Spring Security's default keeps this in one gateway's memory.
 *
 * <p>Keys, under {@code webase:gateway:oidc:}: {@code sid:<sid>} is a hash from portal session id
 * to the serialized {@link OidcSessionInformation}; {@code session:<id>} names the {@code sid} of a
 * portal session, for removal when the session logs out or changes its id. Both expire after {@link
 * PortalProperties#sessionRegistryLifetime()}, so entries of sessions that simply timed out do not
 * stay.
 *
 * <p>A logout token without a {@code sid} ends nothing here: the realm's client sends it ({@code
 * backchannel.logout.session.required}).
 */
final class RedisOidcSessionRegistry implements ReactiveOidcSessionRegistry {

  static final String PREFIX = "webase:gateway:oidc:";

  private final ReactiveRedisTemplate<String, Object> redis;
  private final Duration lifetime;

  RedisOidcSessionRegistry(ReactiveRedisConnectionFactory connections, Duration lifetime) {
    var serializer = new JdkSerializationRedisSerializer(getClass().getClassLoader());
    RedisSerializationContext<String, Object> context =
        RedisSerializationContext.<String, Object>newSerializationContext(serializer)
            .key(StringRedisSerializer.UTF_8)
            .hashKey(StringRedisSerializer.UTF_8)
            .build();
    this.redis = new ReactiveRedisTemplate<>(connections, context);
    this.lifetime = lifetime;
  }

  @Override
  public Mono<Void> saveSessionInformation(OidcSessionInformation info) {
    String sid = info.getPrincipal().getIdToken().getClaimAsString("sid");
    if (sid == null) {
      return Mono.empty();
    }
    String sessionId = info.getSessionId();
    return redis
        .opsForHash()
        .put(sidKey(sid), sessionId, info)
        .then(redis.expire(sidKey(sid), lifetime))
        .then(redis.opsForValue().set(sessionKey(sessionId), sid, lifetime))
        .then();
  }

  @Override
  public Mono<OidcSessionInformation> removeSessionInformation(String clientSessionId) {
    return redis
        .opsForValue()
        .getAndDelete(sessionKey(clientSessionId))
        .cast(String.class)
        .flatMap(
            sid ->
                redis
                    .opsForHash()
                    .get(sidKey(sid), clientSessionId)
                    .cast(OidcSessionInformation.class)
                    .flatMap(
                        info ->
                            redis
                                .opsForHash()
                                .remove(sidKey(sid), clientSessionId)
                                .thenReturn(info)));
  }

  @Override
  public Flux<OidcSessionInformation> removeSessionInformation(OidcLogoutToken logoutToken) {
    String sid = logoutToken.getSessionId();
    if (sid == null) {
      return Flux.empty();
    }
    String key = sidKey(sid);
    return redis
        .opsForHash()
        .values(key)
        .cast(OidcSessionInformation.class)
        .filter(info -> sameSubject(info, logoutToken))
        .collectList()
        .flatMapMany(
            infos ->
                redis
                    .delete(key)
                    .thenMany(
                        Flux.fromIterable(infos)
                            .concatMap(
                                info ->
                                    redis
                                        .delete(sessionKey(info.getSessionId()))
                                        .thenReturn(info))));
  }

  private static boolean sameSubject(OidcSessionInformation info, OidcLogoutToken token) {
    return token.getSubject() == null
        || Objects.equals(token.getSubject(), info.getPrincipal().getSubject());
  }

  private static String sidKey(String sid) {
    return PREFIX + "sid:" + sid;
  }

  private static String sessionKey(String sessionId) {
    return PREFIX + "session:" + sessionId;
  }
}
