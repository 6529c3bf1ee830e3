package io.ghlsync.operations;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

import java.util.LinkedHashMap;
import java.util.Map;

/** How the admin API answers: JSON, no caching, and none of the request's headers echoed back. */
final class AdminResponses {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private AdminResponses() {
    }

    static void json(Exchange exchange, int status, Object body) {
        Message message = exchange.getMessage();
        // platform-http turns message headers into response headers: the request's (query parameters,
        // Authorization) must not come back
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, "application/json; charset=utf-8");
        message.setHeader("Cache-Control", "no-store");
        try {
            message.setBody(JSON.writeValueAsString(body) + "\n");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the admin API's answer as JSON: " + e.getOriginalMessage(), e);
        }
    }

    static void error(Exchange exchange, int status, String field, String reason) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", reason);
        if (field != null) {
            body.put("field", field);
        }
        json(exchange, status, body);
    }
}
