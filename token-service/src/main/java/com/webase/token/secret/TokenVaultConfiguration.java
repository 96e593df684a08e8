package com.webase.token.secret;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one vault of the service, from {@code webase.tokens.encryption}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EncryptionProperties.class)
class TokenVaultConfiguration {

  @Bean
  TokenVault tokenVault(EncryptionProperties properties) {
    return properties.vault();
  }
}
