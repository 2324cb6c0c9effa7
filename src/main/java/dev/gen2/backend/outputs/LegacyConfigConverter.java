package dev.gen2.backend.outputs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The legacy configuration ({@code amplifyconfiguration.json}, {@code aws-exports.js}) that {@code aws-amplify} v5
 * and Gen 1 apps read, converted from a 1.5 {@code amplify_outputs} configuration as Amplify converts it.
 */
final class LegacyConfigConverter {

    private LegacyConfigConverter() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> convert(Map<String, Object> config) {
        Map<String, Object> legacy = new LinkedHashMap<>();
        Map<String, Object> auth = (Map<String, Object>) config.get("auth");
        Map<String, Object> data = (Map<String, Object>) config.get("data");
        Map<String, Object> storage = (Map<String, Object>) config.get("storage");
        for (Map<String, Object> section : new Map[] {auth, data, storage}) {
            if (section != null) {
                legacy.put("aws_project_region", section.get("aws_region"));
                break;
            }
        }
        if (auth != null) {
            convertAuth(auth, legacy);
        }
        if (data != null) {
            legacy.put("aws_appsync_authenticationType", data.get("default_authorization_type"));
            legacy.put("aws_appsync_region", data.get("aws_region"));
            legacy.put("aws_appsync_graphqlEndpoint", data.get("url"));
            putIfPresent(legacy, "modelIntrospection", data.get("model_introspection"));
            putIfPresent(legacy, "aws_appsync_apiKey", data.get("api_key"));
            legacy.put("aws_appsync_additionalAuthenticationTypes",
                    String.join(",", (List<String>) data.get("authorization_types")));
        }
        if (storage != null) {
            legacy.put("aws_user_files_s3_bucket", storage.get("bucket_name"));
            legacy.put("aws_user_files_s3_bucket_region", storage.get("aws_region"));
        }
        convertAnalytics((Map<String, Object>) config.get("analytics"), legacy);
        convertGeo((Map<String, Object>) config.get("geo"), legacy);
        convertNotifications((Map<String, Object>) config.get("notifications"), legacy);
        putIfPresent(legacy, "custom", config.get("custom"));
        return legacy;
    }

    @SuppressWarnings("unchecked")
    private static void convertAuth(Map<String, Object> auth, Map<String, Object> legacy) {
        legacy.put("aws_user_pools_id", auth.get("user_pool_id"));
        legacy.put("aws_cognito_region", auth.get("aws_region"));
        legacy.put("aws_user_pools_web_client_id", auth.get("user_pool_client_id"));
        putIfPresent(legacy, "aws_cognito_identity_pool_id", auth.get("identity_pool_id"));
        if (Boolean.TRUE.equals(auth.get("unauthenticated_identities_enabled"))) {
            legacy.put("allowUnauthenticatedIdentities", "true");
        }
        putIfPresent(legacy, "aws_cognito_mfa_types", auth.get("mfa_methods"));
        if (auth.get("mfa_configuration") instanceof String mode) {
            legacy.put("aws_cognito_mfa_configuration", switch (mode) {
                case "REQUIRED" -> "ON";
                case "OPTIONAL" -> "OPTIONAL";
                default -> "OFF";
            });
        }
        putIfPresent(legacy, "aws_cognito_signup_attributes", upperCase(auth.get("standard_required_attributes")));
        putIfPresent(legacy, "aws_cognito_username_attributes", upperCase(auth.get("username_attributes")));
        putIfPresent(legacy, "aws_cognito_verification_mechanisms", upperCase(auth.get("user_verification_types")));
        if (auth.get("password_policy") instanceof Map<?, ?> policy) {
            Map<String, Object> protection = new LinkedHashMap<>();
            protection.put("passwordPolicyMinLength", policy.get("min_length"));
            protection.put("passwordPolicyCharacters", List.of(
                    "require_numbers", "require_lowercase", "require_uppercase", "require_symbols").stream()
                    .filter(key -> Boolean.TRUE.equals(policy.get(key)))
                    .map(key -> "REQUIRES_" + key.substring("require_".length()).toUpperCase())
                    .toList());
            legacy.put("aws_cognito_password_protection_settings", protection);
        }
        if (auth.get("oauth") instanceof Map<?, ?> oauth) {
            Map<String, Object> legacyOauth = new LinkedHashMap<>();
            legacyOauth.put("domain", oauth.get("domain"));
            legacyOauth.put("scope", oauth.get("scopes"));
            legacyOauth.put("redirectSignIn", String.join(",", (List<String>) oauth.get("redirect_sign_in_uri")));
            legacyOauth.put("redirectSignOut", String.join(",", (List<String>) oauth.get("redirect_sign_out_uri")));
            legacyOauth.put("responseType", oauth.get("response_type"));
            legacy.put("oauth", legacyOauth);
            legacy.put("aws_cognito_social_providers", ((List<String>) oauth.get("identity_providers")).stream()
                    .map(provider -> switch (provider) {
                        case "SIGN_IN_WITH_APPLE" -> "APPLE";
                        case "LOGIN_WITH_AMAZON" -> "AMAZON";
                        default -> provider;
                    }).toList());
        }
    }

    private static void convertAnalytics(Map<String, Object> analytics, Map<String, Object> legacy) {
        if (analytics != null && analytics.get("amazon_pinpoint") instanceof Map<?, ?> pinpoint) {
            Map<String, Object> settings = new LinkedHashMap<>();
            settings.put("appId", pinpoint.get("app_id"));
            settings.put("region", pinpoint.get("aws_region"));
            legacy.put("Analytics", Map.of("Pinpoint", settings));
            legacy.put("aws_mobile_analytics_app_id", pinpoint.get("app_id"));
            legacy.put("aws_mobile_analytics_app_region", pinpoint.get("aws_region"));
        }
    }

    private static void convertGeo(Map<String, Object> geo, Map<String, Object> legacy) {
        if (geo == null) {
            return;
        }
        Map<String, Object> location = new LinkedHashMap<>();
        location.put("region", geo.get("aws_region"));
        if (geo.get("maps") instanceof Map<?, ?> maps) {
            Map<String, Object> items = new LinkedHashMap<>();
            if (maps.get("items") instanceof Map<?, ?> given) {
                given.forEach((name, map) -> {
                    if (map instanceof Map<?, ?> settings && settings.get("style") != null) {
                        items.put(name.toString(), Map.of("style", settings.get("style")));
                    }
                });
            }
            Map<String, Object> legacyMaps = new LinkedHashMap<>();
            legacyMaps.put("default", maps.get("default"));
            legacyMaps.put("items", items);
            location.put("maps", legacyMaps);
        }
        putIfPresent(location, "search_indices", geo.get("search_indices"));
        putIfPresent(location, "geofenceCollections", geo.get("geofence_collections"));
        legacy.put("geo", Map.of("amazon_location_service", location));
    }

    private static void convertNotifications(Map<String, Object> notifications, Map<String, Object> legacy) {
        if (notifications == null || notifications.get("amazon_pinpoint_app_id") == null
                || notifications.get("aws_region") == null
                || !(notifications.get("channels") instanceof List<?> channels)) {
            return;
        }
        Map<String, Object> pinpoint = Map.of("AWSPinpoint", orderedPair("appId",
                notifications.get("amazon_pinpoint_app_id"), "region", notifications.get("aws_region")));
        Map<String, Object> converted = new LinkedHashMap<>();
        for (Object channel : channels) {
            switch (channel.toString()) {
                case "IN_APP_MESSAGING" -> converted.put("InAppMessaging", pinpoint);
                case "FCM", "APNS" -> converted.put("Push", pinpoint);
                case "EMAIL" -> converted.put("EMAIL", pinpoint);
                case "SMS" -> converted.put("SMS", pinpoint);
                default -> { }
            }
        }
        legacy.put("Notifications", converted);
    }

    private static Map<String, Object> orderedPair(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(k1, v1);
        map.put(k2, v2);
        return map;
    }

    private static Object upperCase(Object values) {
        return values instanceof List<?> list
                ? list.stream().map(value -> value.toString().toUpperCase()).collect(Collectors.toList())
                : null;
    }

    private static void putIfPresent(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
