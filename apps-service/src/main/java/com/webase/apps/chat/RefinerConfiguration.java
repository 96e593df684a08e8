package com.webase.apps.chat;

import com.webase.apps.chat.refining.AiRefinerProperties;
import com.webase.apps.chat.refining.BuiltInRefiner;
import com.webase.apps.chat.refining.OpenAiCompatibleRefiner;
import com.webase.apps.chat.refining.Refiner;
import java.net.URI;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

/** The refiner chosen by {@code webase.apps.chat.refiner}. */
@Configuration(proxyBeanMethods = false)
class RefinerConfiguration {

  @Bean
  Refiner refiner(ChatProperties properties, RestClient.Builder restClients) {
    if (properties.refiner().equals("built-in")) {
      return new BuiltInRefiner();
    }
    ChatProperties.Ai ai = properties.ai();
    if (ai == null
        || ai.baseUrl() == null
        || ai.baseUrl().isBlank()
        || ai.model() == null
        || ai.model().isBlank()) {
      throw new IllegalStateException(
          "webase.apps.chat.refiner=ai needs webase.apps.chat.ai.base-url and .model"
              + " (WEBASE_CHAT_AI_BASE_URL, WEBASE_CHAT_AI_MODEL)");
    }
    return new OpenAiCompatibleRefiner(
        new AiRefinerProperties(
            URI.create(ai.baseUrl()), ai.model(), ai.apiKey(), ai.timeout(), ai.maxPromptBytes()),
        restClients);
  }
}
