package dev.gen2.backend;

import dev.gen2.backend.auth.AuthResource;
import dev.gen2.backend.auth.CustomAttribute;
import dev.gen2.backend.auth.IdentityProvider.Google;
import dev.gen2.backend.auth.IdentityProvider.Oidc;
import dev.gen2.backend.auth.Multifactor;
import dev.gen2.backend.auth.PasswordPolicy;
import dev.gen2.backend.auth.StandardAttribute;
import dev.gen2.backend.auth.TriggerEvent;
import dev.gen2.backend.data.AuthRule;
import dev.gen2.backend.data.CustomOperation;
import dev.gen2.backend.data.CustomType;
import dev.gen2.backend.data.DataResource;
import dev.gen2.backend.data.EnumType;
import dev.gen2.backend.data.Field;
import dev.gen2.backend.data.Model;
import dev.gen2.backend.data.Operation;
import dev.gen2.backend.data.Schema;
import dev.gen2.backend.data.SecondaryIndex;
import dev.gen2.backend.function.FunctionResource;
import dev.gen2.backend.storage.StorageAccess;
import dev.gen2.backend.storage.StorageAction;
import dev.gen2.backend.storage.StorageResource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Random backend definitions for the property tests. A {@link Spec} is a plain description of a backend (auth, data,
 * storage, functions) that {@link Spec#define()} turns into factories through the public API. The arbitraries here
 * produce only valid specs; {@link #invalid()} takes a valid one and changes exactly one part of it into a value the
 * library must refuse, remembering which field it broke ({@link Broken}).
 */
final class RandomBackends {
    static final String FUNCTIONS = "src/test/resources/functions/";

    private RandomBackends() {
    }

    // ---------------------------------------------------------------- the specs (mutable, copied before a change)

    /** A function: name, code, schedules, environment, limits. */
    static final class FnSpec {
        String name;
        String entry;
        String handler; // null: the default for the entry
        List<String> schedules = new ArrayList<>();
        Map<String, String> environment = new LinkedHashMap<>();
        int timeoutSeconds;
        int memoryMB;

        FnSpec copy() {
            FnSpec copy = new FnSpec();
            copy.name = name;
            copy.entry = entry;
            copy.handler = handler;
            copy.schedules = new ArrayList<>(schedules);
            copy.environment = new LinkedHashMap<>(environment);
            copy.timeoutSeconds = timeoutSeconds;
            copy.memoryMB = memoryMB;
            return copy;
        }

        FunctionResource.Factory define() {
            return FunctionResource.define(fn -> {
                fn.name(name).entry(entry).timeoutSeconds(timeoutSeconds).memoryMB(memoryMB);
                if (handler != null) {
                    fn.handler(handler);
                }
                if (!schedules.isEmpty()) {
                    fn.schedule(schedules.toArray(String[]::new));
                }
                environment.forEach(fn::environment);
                return fn;
            });
        }

        @Override
        public String toString() {
            return "fn(" + name + ", " + entry + (handler == null ? "" : ", handler " + handler) + ", schedules "
                    + schedules + ", env " + environment + ", timeout " + timeoutSeconds + ", memory " + memoryMB + ")";
        }
    }

    /** Auth: login, attributes, groups, MFA, external providers, a trigger. */
    static final class AuthSpec {
        String name; // null: Amplify's default
        boolean email;
        boolean phone;
        List<StandardAttribute> standardAttributes = new ArrayList<>();
        List<CustomAttribute> customAttributes = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        Multifactor multifactor; // null: not set
        boolean external;
        List<String> callbackUrls = new ArrayList<>();
        List<String> logoutUrls = new ArrayList<>();
        String domainPrefix;
        TriggerEvent triggerEvent; // null: no trigger
        boolean triggerFunctionNull;
        Integer passwordMinLength;

        AuthSpec copy() {
            AuthSpec copy = new AuthSpec();
            copy.name = name;
            copy.email = email;
            copy.phone = phone;
            copy.standardAttributes = new ArrayList<>(standardAttributes);
            copy.customAttributes = new ArrayList<>(customAttributes);
            copy.groups = new ArrayList<>(groups);
            copy.multifactor = multifactor;
            copy.external = external;
            copy.callbackUrls = new ArrayList<>(callbackUrls);
            copy.logoutUrls = new ArrayList<>(logoutUrls);
            copy.domainPrefix = domainPrefix;
            copy.triggerEvent = triggerEvent;
            copy.triggerFunctionNull = triggerFunctionNull;
            copy.passwordMinLength = passwordMinLength;
            return copy;
        }

        AuthResource.Factory define(Optional<FunctionResource.Factory> trigger) {
            return AuthResource.define(a -> {
                if (name != null) {
                    a.name(name);
                }
                if (email) {
                    a.loginWithEmail();
                }
                if (phone) {
                    a.loginWithPhone();
                }
                standardAttributes.forEach(attribute -> a.userAttribute(attribute, false, true));
                customAttributes.forEach(a::customAttribute);
                if (!groups.isEmpty()) {
                    a.groups(groups.toArray(String[]::new));
                }
                if (multifactor != null) {
                    a.multifactor(multifactor);
                }
                if (external) {
                    a.externalProviders(x -> {
                        x.google(Google.of("google-client-id", Secret.of("GOOGLE_CLIENT_SECRET")))
                                .oidc(Oidc.of("Corp", "corp-client-id", Secret.of("CORP_SECRET"),
                                        "https://login.example.com"));
                        if (!callbackUrls.isEmpty()) {
                            x.callbackUrls(callbackUrls.toArray(String[]::new));
                        }
                        if (!logoutUrls.isEmpty()) {
                            x.logoutUrls(logoutUrls.toArray(String[]::new));
                        }
                        if (domainPrefix != null) {
                            x.domainPrefix(domainPrefix);
                        }
                        return x;
                    });
                }
                if (triggerEvent != null) {
                    a.trigger(triggerEvent, triggerFunctionNull ? null : trigger.orElseThrow());
                }
                if (passwordMinLength != null) {
                    a.passwordPolicy(PasswordPolicy.AMPLIFY_DEFAULT.withMinLength(passwordMinLength));
                }
                return a;
            });
        }

        @Override
        public String toString() {
            return "auth(" + (name == null ? "" : name + ", ") + (email ? "email " : "") + (phone ? "phone " : "")
                    + "standard " + standardAttributes + ", custom " + customAttributes + ", groups " + groups
                    + ", mfa " + multifactor + (external ? ", external callback " + callbackUrls + " logout "
                    + logoutUrls + " prefix " + domainPrefix : "") + ", trigger " + triggerEvent
                    + (passwordMinLength == null ? "" : ", password min " + passwordMinLength) + ")";
        }
    }

    /** A field of a model: its name and a function that makes it (so that a change can swap in a bad one). */
    record FieldSpec(String name, String description, Field field) {
        @Override
        public String toString() {
            return name + ": " + description;
        }
    }

    /** A model. */
    static final class ModelSpec {
        String name;
        List<FieldSpec> fields = new ArrayList<>();
        List<String> identifier = new ArrayList<>(); // empty: the default id
        List<SecondaryIndex> indexes = new ArrayList<>();
        List<String> indexDescriptions = new ArrayList<>();
        List<String[]> relationships = new ArrayList<>(); // kind, field, model, reference
        List<AuthRule> rules = new ArrayList<>();
        List<String> ruleDescriptions = new ArrayList<>();

        ModelSpec copy() {
            ModelSpec copy = new ModelSpec();
            copy.name = name;
            copy.fields = new ArrayList<>(fields);
            copy.identifier = new ArrayList<>(identifier);
            copy.indexes = new ArrayList<>(indexes);
            copy.indexDescriptions = new ArrayList<>(indexDescriptions);
            copy.relationships = new ArrayList<>(relationships.stream().map(String[]::clone).toList());
            copy.rules = new ArrayList<>(rules);
            copy.ruleDescriptions = new ArrayList<>(ruleDescriptions);
            return copy;
        }

        Model model() {
            Model model = Model.named(name);
            for (FieldSpec field : fields) {
                model = model.field(field.name(), field.field());
            }
            if (!identifier.isEmpty()) {
                model = model.identifier(identifier.toArray(String[]::new));
            }
            if (!indexes.isEmpty()) {
                model = model.secondaryIndexes(indexes.toArray(SecondaryIndex[]::new));
            }
            for (String[] relationship : relationships) {
                model = switch (relationship[0]) {
                    case "hasMany" -> model.hasMany(relationship[1], relationship[2], relationship[3]);
                    case "hasOne" -> model.hasOne(relationship[1], relationship[2], relationship[3]);
                    default -> model.belongsTo(relationship[1], relationship[2], relationship[3]);
                };
            }
            return rules.isEmpty() ? model : model.authorization(rules.toArray(AuthRule[]::new));
        }

        @Override
        public String toString() {
            List<String> relationshipTexts = relationships.stream().map(r -> String.join(" ", r)).toList();
            return "model " + name + " " + fields + (identifier.isEmpty() ? "" : " identifier " + identifier)
                    + (indexDescriptions.isEmpty() ? "" : " indexes " + indexDescriptions)
                    + (relationshipTexts.isEmpty() ? "" : " relationships " + relationshipTexts)
                    + " rules " + ruleDescriptions;
        }
    }

    /** Data: the API's name, models, an enum and custom type, custom operations. */
    static final class DataSpec {
        String name; // null: amplifyData
        List<ModelSpec> models = new ArrayList<>();
        List<String> enumValues = new ArrayList<>();
        boolean customType;
        String operationName; // null: none
        boolean operationHandler = true;

        DataSpec copy() {
            DataSpec copy = new DataSpec();
            copy.name = name;
            copy.models = new ArrayList<>(models.stream().map(ModelSpec::copy).toList());
            copy.enumValues = new ArrayList<>(enumValues);
            copy.customType = customType;
            copy.operationName = operationName;
            copy.operationHandler = operationHandler;
            return copy;
        }

        DataResource.Factory define(boolean withAuth, Optional<FunctionResource.Factory> handler) {
            return DataResource.define(d -> {
                if (name != null) {
                    d.name(name);
                }
                Schema schema = Schema.of(models.stream().map(ModelSpec::model).toArray(Model[]::new));
                if (!enumValues.isEmpty()) {
                    schema = schema.enums(EnumType.of("Status", enumValues.toArray(String[]::new)));
                }
                if (customType) {
                    schema = schema.customTypes(CustomType.named("Location").field("lat", Field.floatType())
                            .field("lng", Field.floatType()));
                }
                if (operationName != null) {
                    CustomOperation operation = CustomOperation.query(operationName)
                            .argument("message", Field.string().required()).returns(Field.string())
                            .authorization(withAuth ? AuthRule.authenticated() : AuthRule.publicApiKey());
                    if (operationHandler) {
                        operation = operation.handler(handler.orElseThrow());
                    }
                    schema = schema.operations(operation);
                }
                return d.schema(schema);
            });
        }

        @Override
        public String toString() {
            return "data(" + (name == null ? "" : name + ", ") + models + (enumValues.isEmpty() ? ""
                    : ", enum Status " + enumValues) + (customType ? ", type Location" : "")
                    + (operationName == null ? "" : ", query " + operationName + (operationHandler ? ""
                    : " without handler")) + ")";
        }
    }

    /** A bucket and its access rules, by path. */
    static final class StorageSpec {
        String name;
        boolean isDefault;
        Map<String, List<StorageAccess>> access = new LinkedHashMap<>();
        Map<String, String> accessDescriptions = new LinkedHashMap<>();
        boolean functionReads; // fn/*: the backend's first function reads

        StorageSpec copy() {
            StorageSpec copy = new StorageSpec();
            copy.name = name;
            copy.isDefault = isDefault;
            copy.functionReads = functionReads;
            copy.access = new LinkedHashMap<>(access);
            copy.accessDescriptions = new LinkedHashMap<>(accessDescriptions);
            return copy;
        }

        StorageResource.Factory define(Optional<FunctionResource.Factory> function) {
            return StorageResource.define(s -> {
                s.name(name);
                if (isDefault) {
                    s.isDefault(true);
                }
                access.forEach((path, rules) -> s.access(path, rules.toArray(StorageAccess[]::new)));
                if (functionReads) {
                    s.access("fn/*", StorageAccess.resource(function.orElseThrow(), StorageAction.READ));
                }
                return s;
            });
        }

        @Override
        public String toString() {
            return "storage(" + name + (isDefault ? " default" : "") + ", " + accessDescriptions + ")";
        }
    }

    /** A whole backend. */
    static final class Spec {
        DeploymentType type;
        AuthSpec auth; // null: none
        DataSpec data;
        List<StorageSpec> storage = new ArrayList<>();
        List<FnSpec> functions = new ArrayList<>();

        Spec copy() {
            Spec copy = new Spec();
            copy.type = type;
            copy.auth = auth == null ? null : auth.copy();
            copy.data = data == null ? null : data.copy();
            copy.storage = new ArrayList<>(storage.stream().map(StorageSpec::copy).toList());
            copy.functions = new ArrayList<>(functions.stream().map(FnSpec::copy).toList());
            return copy;
        }

        /** The factories, defined through the public API (which is where most bad input is refused). */
        List<ResourceFactory<?>> define() {
            List<ResourceFactory<?>> factories = new ArrayList<>();
            List<FunctionResource.Factory> fns = new ArrayList<>();
            for (FnSpec fn : functions) {
                fns.add(fn.define());
            }
            factories.addAll(fns);
            Optional<FunctionResource.Factory> first = fns.stream().findFirst();
            if (auth != null) {
                factories.add(auth.define(first));
            }
            if (data != null) {
                factories.add(data.define(auth != null, first));
            }
            for (StorageSpec bucket : storage) {
                factories.add(bucket.define(first));
            }
            return factories;
        }

        /** Defines the backend in a fresh app. */
        Backend build() {
            return Backend.define(TestBackends.app(type), define().toArray(ResourceFactory<?>[]::new));
        }

        @Override
        public String toString() {
            return type + " " + (auth == null ? "" : auth + " ") + (data == null ? "" : data + " ") + storage + " "
                    + functions;
        }
    }

    /**
     * An invalid definition: a valid spec with exactly one part changed.
     *
     * @param spec the changed spec
     * @param field what was broken, for the report
     * @param where a fragment the error's {@code where()} or message must hold: the field that was broken
     * @param replace puts a value in place of the broken part of a copy of the spec (for an error whose fix offers
     *     one); null when the breaker cannot
     */
    record Broken(Spec spec, String field, String where, java.util.function.BiFunction<Spec, String, Spec> replace) {
        Broken(Spec spec, String field, String where) {
            this(spec, field, where, null);
        }

        /** The spec with {@code value} put in place of the broken part, if this breaker knows how. */
        Optional<Spec> replaced(String value) {
            return Optional.ofNullable(replace).map(r -> r.apply(spec.copy(), value));
        }

        @Override
        public String toString() {
            return "broke " + field + " (expect '" + where + "') in " + spec;
        }
    }

    // ---------------------------------------------------------------- arbitraries of valid parts

    private static Arbitrary<String> lowerName(String prefix) {
        return Arbitraries.strings().withCharRange('a', 'z').withCharRange('0', '9').ofMinLength(1).ofMaxLength(8)
                .map(suffix -> prefix + suffix);
    }

    static Arbitrary<FnSpec> function(String prefix) {
        Arbitrary<String[]> code = Arbitraries.of(
                new String[] {FUNCTIONS + "hello", null},
                new String[] {FUNCTIONS + "echo", null},
                new String[] {FUNCTIONS + "echo", "index.handler"},
                new String[] {FUNCTIONS + "callback.js", "callback.run"},
                new String[] {FUNCTIONS + "single.mjs", null});
        Arbitrary<List<String>> schedules = Arbitraries.of("every 5m", "every 2h", "every day", "every week",
                "every month", "every year", "0 8 ? * 2-6", "*/15 8-18 ? 1,6,12 2-6 2027", "0 0 1 * ?",
                "30 4 ? * 1 *", "0 0/30 1-5 * ? *").list().ofMaxSize(2).uniqueElements();
        Arbitrary<String> envKey = Arbitraries.strings().withCharRange('A', 'Z').withChars('_').withCharRange('0', '9')
                .ofMinLength(1).ofMaxLength(8).map(rest -> "V" + rest);
        Arbitrary<String> envValue = Arbitraries.strings().alpha().numeric().withChars("-_./:").ofMinLength(1)
                .ofMaxLength(16);
        Arbitrary<Map<String, String>> environment = Arbitraries.maps(envKey, envValue).ofMaxSize(3);
        return Combinators.combine(lowerName(prefix), code, schedules, environment,
                Arbitraries.integers().between(1, 60), Arbitraries.integers().between(128, 10240))
                .as((name, entry, scheduleList, env, timeout, memory) -> {
                    FnSpec fn = new FnSpec();
                    fn.name = name;
                    fn.entry = entry[0];
                    fn.handler = entry[1];
                    fn.schedules = new ArrayList<>(scheduleList);
                    fn.environment = new LinkedHashMap<>(env);
                    fn.timeoutSeconds = timeout;
                    fn.memoryMB = memory;
                    return fn;
                });
    }

    static Arbitrary<AuthSpec> auth() {
        Arbitrary<int[]> login = Arbitraries.of(new int[] {1, 0}, new int[] {0, 1}, new int[] {1, 1});
        Arbitrary<List<StandardAttribute>> standard = Arbitraries.of(StandardAttribute.class)
                .filter(a -> a != StandardAttribute.EMAIL && a != StandardAttribute.PHONE_NUMBER)
                .list().ofMaxSize(3).uniqueElements();
        Arbitrary<CustomAttribute> custom = Combinators.combine(
                Arbitraries.strings().withCharRange('a', 'z').ofMinLength(3).ofMaxLength(12).map(n -> "c" + n),
                Arbitraries.integers().between(0, 3), Arbitraries.of(true, false))
                .as((name, type, mutable) -> (switch (type) {
                    case 0 -> CustomAttribute.string(name).bounds(0, 64);
                    case 1 -> CustomAttribute.number(name);
                    case 2 -> CustomAttribute.bool(name);
                    default -> CustomAttribute.dateTime(name);
                }).mutable(mutable));
        Arbitrary<List<CustomAttribute>> customs = custom.list().ofMaxSize(3).uniqueElements(CustomAttribute::name);
        Arbitrary<List<String>> groups = Arbitraries.strings().withCharRange('A', 'Z').withCharRange('a', 'z')
                .withCharRange('0', '9').withChars("_-.+@").ofMinLength(1).ofMaxLength(24)
                .list().ofMaxSize(3).uniqueElements();
        Arbitrary<Integer> mfa = Arbitraries.integers().between(0, 4); // none, off, optional totp, optional sms, required
        Arbitrary<List<String>> urls = Arbitraries.of("https://app.example.com/", "http://localhost:3000/",
                "myapp://callback/", "com.example.app://auth", "https://app.example.com/callback?x=1")
                .list().ofMinSize(1).ofMaxSize(3).uniqueElements();
        Arbitrary<String> prefix = Arbitraries.strings().withCharRange('a', 'z').withCharRange('0', '9')
                .ofMinLength(3).ofMaxLength(20).map(p -> "p" + p + "x").injectNull(0.5);
        Arbitrary<TriggerEvent> trigger = Arbitraries.of(TriggerEvent.class).injectNull(0.5);
        return Combinators.combine(List.of(login.map(x -> (Object) x), standard.map(x -> (Object) x),
                customs.map(x -> (Object) x), groups.map(x -> (Object) x), mfa.map(x -> (Object) x),
                Arbitraries.of(true, false).map(x -> (Object) x), urls.map(x -> (Object) x), urls.map(x -> (Object) x),
                prefix.map(x -> (Object) x), trigger.map(x -> (Object) x))).as(parts -> {
                    AuthSpec auth = new AuthSpec();
                    int[] loginWith = (int[]) parts.get(0);
                    auth.email = loginWith[0] == 1;
                    auth.phone = loginWith[1] == 1;
                    auth.standardAttributes = new ArrayList<>(cast(parts.get(1)));
                    auth.customAttributes = new ArrayList<>(cast(parts.get(2)));
                    auth.groups = new ArrayList<>(cast(parts.get(3)));
                    int mfaChoice = (Integer) parts.get(4);
                    // Phone login needs SMS MFA whenever MFA is on.
                    auth.multifactor = switch (mfaChoice) {
                        case 0 -> null;
                        case 1 -> Multifactor.off();
                        case 2 -> auth.phone ? Multifactor.optional().totp().sms() : Multifactor.optional().totp();
                        case 3 -> Multifactor.optional().sms();
                        default -> Multifactor.required().totp().sms();
                    };
                    auth.external = (Boolean) parts.get(5);
                    if (auth.external) {
                        auth.callbackUrls = new ArrayList<>(cast(parts.get(6)));
                        auth.logoutUrls = new ArrayList<>(cast(parts.get(7)));
                        auth.domainPrefix = (String) parts.get(8);
                    }
                    auth.triggerEvent = (TriggerEvent) parts.get(9);
                    return auth;
                });
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> cast(Object list) {
        return (List<T>) list;
    }

    /** Every scalar type, an enum and a custom type, each plain, required, a list, or with a default of its type. */
    private static Arbitrary<FieldSpec> field(String name, boolean enumAvailable, boolean customTypeAvailable) {
        List<Arbitrary<FieldSpec>> kinds = new ArrayList<>(List.of(
                scalar(name, "ID", Field.id(), f -> f.defaultValue("abc-1")),
                scalar(name, "String", Field.string(), f -> f.defaultValue("untitled")),
                scalar(name, "Int", Field.integer(), f -> f.defaultValue(3)),
                scalar(name, "Int", Field.integer(), f -> f.defaultValue("-7")),
                scalar(name, "Float", Field.floatType(), f -> f.defaultValue(0.5)),
                scalar(name, "Float", Field.floatType(), f -> f.defaultValue(2)),
                scalar(name, "Boolean", Field.bool(), f -> f.defaultValue(false)),
                scalar(name, "AWSDate", Field.date(), f -> f.defaultValue("2024-01-31")),
                scalar(name, "AWSTime", Field.time(), f -> f.defaultValue("12:30:00Z")),
                scalar(name, "AWSDateTime", Field.datetime(), f -> f.defaultValue("2024-01-31T12:30:00Z")),
                scalar(name, "AWSTimestamp", Field.timestamp(), f -> f.defaultValue(1700000000)),
                scalar(name, "AWSEmail", Field.email(), f -> f.defaultValue("someone@example.com")),
                scalar(name, "AWSJSON", Field.json(), f -> f.defaultValue("{\"a\": 1}")),
                scalar(name, "AWSPhone", Field.phone(), f -> f.defaultValue("+12065550100")),
                scalar(name, "AWSURL", Field.url(), f -> f.defaultValue("https://example.com/")),
                scalar(name, "AWSIPAddress", Field.ipAddress(), f -> f.defaultValue("127.0.0.1"))));
        if (enumAvailable) {
            kinds.add(scalar(name, "Status", Field.enumRef("Status"), f -> f.defaultValue("OPEN")));
        }
        if (customTypeAvailable) {
            kinds.add(Combinators.combine(Arbitraries.of(true, false), Arbitraries.of(true, false))
                    .as((required, array) -> {
                        Field field = Field.customType("Location");
                        field = array ? field.array() : field;
                        field = required ? field.required() : field;
                        return new FieldSpec(name, "Location" + (array ? "[]" : "") + (required ? "!" : ""), field);
                    }));
        }
        return Arbitraries.oneOf(kinds);
    }

    private static Arbitrary<FieldSpec> scalar(String name, String type, Field base, UnaryOperator<Field> withDefault) {
        // 0 plain, 1 required, 2 list, 3 list of required, 4 with a default, 5 required with a default
        return Arbitraries.integers().between(0, withDefault == null ? 3 : 5).map(shape -> switch (shape) {
            case 0 -> new FieldSpec(name, type, base);
            case 1 -> new FieldSpec(name, type + "!", base.required());
            case 2 -> new FieldSpec(name, "[" + type + "]", base.array());
            case 3 -> new FieldSpec(name, "[" + type + "!]", base.required().array());
            case 4 -> new FieldSpec(name, type + " = default", withDefault.apply(base));
            default -> new FieldSpec(name, type + "! = default", withDefault.apply(base.required()));
        });
    }

    private static Arbitrary<AuthRule> rule(boolean withAuth, List<String> groups) {
        if (!withAuth) {
            return Arbitraries.of(AuthRule.publicApiKey(), AuthRule.publicApiKey().to(Operation.READ));
        }
        String group = groups.isEmpty() ? "ADMINS" : groups.get(0);
        return Arbitraries.of(AuthRule.owner(), AuthRule.authenticated(), AuthRule.groups(group),
                AuthRule.guest().to(Operation.READ), AuthRule.authenticated(dev.gen2.backend.data.AuthProvider.IAM),
                AuthRule.owner().to(Operation.CREATE, Operation.READ), AuthRule.groups(group).to(Operation.READ,
                        Operation.UPDATE));
    }

    static Arbitrary<ModelSpec> model(String name, boolean withAuth, List<String> groups, boolean enumAvailable,
            boolean customTypeAvailable, boolean customIdentifier, boolean index) {
        Arbitrary<List<FieldSpec>> fields = Arbitraries.integers().between(1, 5).flatMap(count -> {
            List<Arbitrary<FieldSpec>> each = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                each.add(field("f" + i, enumAvailable, customTypeAvailable));
            }
            return Combinators.combine(each).as(ArrayList::new);
        });
        Arbitrary<List<AuthRule>> rules = rule(withAuth, groups).list().ofMinSize(1).ofMaxSize(2).uniqueElements();
        Arbitrary<String> indexName = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(3).ofMaxLength(12)
                .map(n -> n + "Index").injectNull(0.5);
        Arbitrary<Boolean> sortByCreatedAt = Arbitraries.of(true, false);
        return Combinators.combine(fields, rules, indexName, sortByCreatedAt).as((fieldList, ruleList, named, sort) -> {
            ModelSpec model = new ModelSpec();
            model.name = name;
            model.fields = new ArrayList<>(fieldList);
            if (customIdentifier) {
                model.fields.add(new FieldSpec("slug", "String!", Field.string().required()));
                model.identifier = new ArrayList<>(List.of("slug"));
            }
            if (index) {
                model.fields.add(new FieldSpec("category", "String", Field.string()));
                SecondaryIndex secondary = SecondaryIndex.on("category");
                String description = "category";
                if (sort) {
                    secondary = secondary.sortKeys("createdAt");
                    description += " sorted by createdAt";
                }
                if (named != null) {
                    secondary = secondary.name(named);
                    description += " named " + named;
                }
                model.indexes.add(secondary);
                model.indexDescriptions.add(description);
            }
            model.rules = new ArrayList<>(ruleList);
            model.ruleDescriptions = new ArrayList<>(ruleList.stream().map(r -> r.strategy().amplifyName() + "/"
                    + r.provider().amplifyName() + r.operations()).toList());
            return model;
        });
    }

    static Arbitrary<DataSpec> data(boolean withAuth, List<String> groups, boolean withFunction) {
        Arbitrary<Boolean> flag = Arbitraries.of(true, false);
        return Combinators.combine(Arbitraries.integers().between(1, 2), flag, flag,
                Arbitraries.of("none", "hasMany", "hasOne"), flag, flag, flag)
                .flatAs((count, enums, customType, relationship, identifier, index, operation) -> {
                    boolean related = !relationship.equals("none");
                    Arbitrary<ModelSpec> first = model("Post", withAuth, groups, enums, customType,
                            identifier && !(related && count == 2), index);
                    Arbitrary<ModelSpec> second = count == 2 ? model("Comment", withAuth, groups, enums, customType,
                            false, !index) : Arbitraries.just(null);
                    return Combinators.combine(first, second).as((post, comment) -> {
                        DataSpec data = new DataSpec();
                        data.models.add(post);
                        if (comment != null) {
                            data.models.add(comment);
                            if (related) {
                                comment.fields.add(new FieldSpec("postId", "ID", Field.id()));
                                comment.relationships.add(new String[] {"belongsTo", "post", "Post", "postId"});
                                post.relationships.add(new String[] {relationship, relationship.equals("hasMany")
                                        ? "comments" : "comment", "Comment", "postId"});
                            }
                        }
                        if (enums) {
                            data.enumValues = new ArrayList<>(List.of("OPEN", "DONE", "LATER"));
                        }
                        data.customType = customType;
                        if (operation && withFunction) {
                            data.operationName = "echoMessage";
                        }
                        return data;
                    });
                });
    }

    static Arbitrary<StorageSpec> bucket(String prefix, boolean withAuth, List<String> groups, boolean withFunction) {
        Arbitrary<String> name = lowerName(prefix);
        List<String> choices = new ArrayList<>();
        if (withAuth) {
            choices.addAll(List.of("public", "protected", "private"));
            if (!groups.isEmpty()) {
                choices.add("team");
            }
        }
        if (withFunction) {
            choices.add("fn");
        }
        Arbitrary<List<String>> paths = choices.isEmpty() ? Arbitraries.just(List.of())
                : Arbitraries.of(choices).list().ofMaxSize(choices.size()).uniqueElements();
        Arbitrary<String> segment = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(8);
        return Combinators.combine(name, paths, segment).as((bucketName, kinds, teamSegment) -> {
            StorageSpec bucket = new StorageSpec();
            bucket.name = bucketName;
            for (String kind : kinds) {
                switch (kind) {
                    case "public" -> put(bucket, "public/*", "guest read, authenticated read/write/delete",
                            StorageAccess.guest(StorageAction.READ), StorageAccess.authenticated(StorageAction.READ,
                                    StorageAction.WRITE, StorageAction.DELETE));
                    case "protected" -> put(bucket, "protected/{entity_id}/*", "authenticated read, entity all",
                            StorageAccess.authenticated(StorageAction.READ), StorageAccess.entity(StorageAction.READ,
                                    StorageAction.WRITE, StorageAction.DELETE));
                    case "private" -> put(bucket, "private/{entity_id}/*", "entity read/write",
                            StorageAccess.entity(StorageAction.READ, StorageAction.WRITE));
                    case "team" -> put(bucket, "team-" + teamSegment + "/*", "groups " + groups.get(0),
                            StorageAccess.groups(List.of(groups.get(0)), StorageAction.READ, StorageAction.WRITE));
                    default -> {
                        bucket.functionReads = true;
                        bucket.accessDescriptions.put("fn/*", "the first function reads");
                    }
                }
            }
            return bucket;
        });
    }

    private static void put(StorageSpec bucket, String path, String description, StorageAccess... rules) {
        bucket.access.put(path, new ArrayList<>(List.of(rules)));
        bucket.accessDescriptions.put(path, description);
    }

    /** Valid backends: any mix of auth, data, storage and functions, a sandbox or a branch. */
    static Arbitrary<Spec> valid() {
        Arbitrary<Boolean> flag = Arbitraries.of(true, false);
        Arbitrary<DeploymentType> type = Arbitraries.of(DeploymentType.SANDBOX, DeploymentType.BRANCH);
        return Combinators.combine(type, auth().injectNull(0.3), Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(0, 2), flag).flatAs((deployment, auth, functionCount, bucketCount,
                        withData) -> {
                    List<String> groups = auth == null ? List.of() : auth.groups;
                    boolean withFunction = functionCount > 0;
                    Arbitrary<List<FnSpec>> fns = functionCount == 0 ? Arbitraries.just(List.of())
                            : function("fn").list().ofSize(functionCount).uniqueElements(fn -> fn.name);
                    Arbitrary<List<StorageSpec>> buckets = bucketCount == 0 ? Arbitraries.just(List.of())
                            : bucket("b", auth != null, groups, withFunction).list()
                                    .ofSize(bucketCount).uniqueElements(b -> b.name);
                    Arbitrary<DataSpec> data = withData || auth == null && functionCount == 0 && bucketCount == 0
                            ? data(auth != null, groups, withFunction) : Arbitraries.just(null);
                    return Combinators.combine(fns, buckets, data).as((functionList, bucketList, dataSpec) -> {
                        Spec spec = new Spec();
                        spec.type = deployment;
                        spec.auth = auth == null ? null : auth.copy();
                        if (spec.auth != null && !withFunction) {
                            spec.auth.triggerEvent = null;
                        }
                        spec.functions = new ArrayList<>(functionList.stream().map(FnSpec::copy).toList());
                        spec.storage = new ArrayList<>(bucketList.stream().map(StorageSpec::copy).toList());
                        if (!spec.storage.isEmpty()) {
                            spec.storage.get(0).isDefault = spec.storage.size() > 1;
                        }
                        spec.data = dataSpec;
                        return spec;
                    });
                });
    }

    // ---------------------------------------------------------------- changing one part into a bad value

    /** One way to break a valid spec: applies when the spec has the part, and changes it in a copy. */
    record Breaker(String field, java.util.function.Predicate<Spec> applies, Function<Spec, Arbitrary<Broken>> breaks) {
    }

    private static Breaker breaker(String field, java.util.function.Predicate<Spec> applies,
            Function<Spec, Arbitrary<Broken>> breaks) {
        return new Breaker(field, applies, breaks);
    }

    /** Changes the spec's copy with {@code change}, which returns the expected fragment of where it fails. */
    private static Broken change(Spec spec, String field, Function<Spec, String> change) {
        Spec copy = spec.copy();
        String where = change.apply(copy);
        return new Broken(copy, field, where);
    }

    private static <T> Arbitrary<Broken> each(Spec spec, String field, Arbitrary<T> badValues,
            java.util.function.BiFunction<Spec, T, String> change) {
        return badValues.map(value -> change(spec, field, copy -> change.apply(copy, value)));
    }

    private static String fnWhere(FnSpec fn) {
        return "function '" + fn.name + "'";
    }

    static final List<Breaker> BREAKERS = List.of(
            // ---- functions
            breaker("function.name", s -> !s.functions.isEmpty(), s -> each(s, "function.name",
                    Arbitraries.of("1", "!", "has.dot", "-x", "9 "), (c, bad) -> {
                        c.functions.get(0).name = bad + c.functions.get(0).name;
                        return "function '" + c.functions.get(0).name + "'.name";
                    })),
            breaker("function.name random", s -> !s.functions.isEmpty(), s -> each(s, "function.name random",
                    invalidName(), (c, bad) -> {
                        c.functions.get(0).name = bad;
                        return "function '" + bad + "'.name";
                    })),
            breaker("function.name null", s -> !s.functions.isEmpty(), s -> Arbitraries.just(change(s,
                    "function.name null", c -> {
                        c.functions.get(0).name = null;
                        return "function.name";
                    }))),
            breaker("function.entry", s -> !s.functions.isEmpty(), s -> each(s, "function.entry",
                    Arbitraries.of(FUNCTIONS + "none", "src/test/resources/missing.js"), (c, bad) -> {
                        c.functions.get(0).entry = bad;
                        c.functions.get(0).handler = null;
                        return fnWhere(c.functions.get(0)) + ".entry";
                    })),
            breaker("function.entry null", s -> !s.functions.isEmpty(), s -> Arbitraries.just(change(s,
                    "function.entry null", c -> {
                        c.functions.get(0).entry = null;
                        return fnWhere(c.functions.get(0)) + ".entry";
                    }))),
            breaker("function.handler", s -> !s.functions.isEmpty(), s -> each(s, "function.handler",
                    Arbitraries.of("index.main", "main.handler", "index.nothing"), (c, bad) -> {
                        c.functions.get(0).entry = FUNCTIONS + "hello";
                        c.functions.get(0).handler = bad;
                        return fnWhere(c.functions.get(0)) + ".handler";
                    })),
            breaker("function.schedule", s -> !s.functions.isEmpty(), s -> each(s, "function.schedule",
                    Arbitraries.of("every dya", "every 5min", "every 0m", "0 24 * * ?", "0 8 * * *", "sometimes",
                            "every", "*/0 * ? * *", "0 9-3 ? * *", "0 0 ? 1,13 *", "0 0 ? * * 1900", "every -5m"),
                    (c, bad) -> {
                        c.functions.get(0).schedules.add(bad);
                        return fnWhere(c.functions.get(0)) + ".schedule";
                    })),
            breaker("function.schedule null", s -> !s.functions.isEmpty(), s -> Arbitraries.just(change(s,
                    "function.schedule null", c -> {
                        c.functions.get(0).schedules.add(null);
                        return fnWhere(c.functions.get(0)) + ".schedule";
                    }))),
            breaker("function.schedule shorter than timeout", s -> !s.functions.isEmpty(), s -> Arbitraries.just(
                    change(s, "function.schedule shorter than timeout", c -> {
                        c.functions.get(0).timeoutSeconds = 120;
                        c.functions.get(0).schedules.add("every 1m");
                        return fnWhere(c.functions.get(0)) + ".schedule";
                    }))),
            breaker("function.timeoutSeconds", s -> !s.functions.isEmpty(), s -> each(s, "function.timeoutSeconds",
                    Arbitraries.oneOf(Arbitraries.integers().between(901, 100_000),
                            Arbitraries.integers().between(-100, 0)), (c, bad) -> {
                        c.functions.get(0).timeoutSeconds = bad;
                        c.functions.get(0).schedules.clear();
                        return fnWhere(c.functions.get(0)) + ".timeoutSeconds";
                    })),
            breaker("function.memoryMB", s -> !s.functions.isEmpty(), s -> each(s, "function.memoryMB",
                    Arbitraries.oneOf(Arbitraries.integers().between(10_241, 100_000),
                            Arbitraries.integers().between(-10, 127)), (c, bad) -> {
                        c.functions.get(0).memoryMB = bad;
                        return fnWhere(c.functions.get(0)) + ".memoryMB";
                    })),
            breaker("function.environment key", s -> !s.functions.isEmpty(), s -> each(s, "function.environment key",
                    Arbitraries.of("1X", "a", "has-dash", "AMPLIFY_SSM_ENV_CONFIG", "GEN2_HANDLER", "WITH SPACE"),
                    (c, bad) -> {
                        c.functions.get(0).environment.put(bad, "v");
                        return fnWhere(c.functions.get(0)) + ".environment";
                    })),
            breaker("function.environment value null", s -> !s.functions.isEmpty(), s -> Arbitraries.just(change(s,
                    "function.environment value null", c -> {
                        c.functions.get(0).environment.put("KEY", null);
                        return fnWhere(c.functions.get(0)) + ".environment";
                    }))),
            breaker("function.environment key null", s -> !s.functions.isEmpty(), s -> Arbitraries.just(change(s,
                    "function.environment key null", c -> {
                        c.functions.get(0).environment.put(null, "v");
                        return fnWhere(c.functions.get(0)) + ".environment";
                    }))),
            breaker("function duplicate name", s -> s.functions.size() == 2, s -> Arbitraries.just(change(s,
                    "function duplicate name", c -> {
                        c.functions.get(1).name = c.functions.get(0).name;
                        return "Two different resources are both function '" + c.functions.get(0).name + "'";
                    }))),
            // ---- auth
            breaker("auth.loginWith", s -> s.auth != null && s.auth.triggerEvent == null && !s.auth.external,
                    s -> Arbitraries.just(change(s, "auth.loginWith", c -> {
                        c.auth.email = false;
                        c.auth.phone = false;
                        c.auth.multifactor = null;
                        return "auth.loginWith";
                    }))),
            breaker("auth.name", s -> s.auth != null, s -> each(s, "auth.name",
                    Arbitraries.of("9auth", "my auth!", "_auth", ""), (c, bad) -> {
                        c.auth.name = bad;
                        return "auth.name";
                    })),
            breaker("auth.groups", s -> s.auth != null, s -> each(s, "auth.groups",
                    Arbitraries.of("has space", "", "tab\tgroup", null), (c, bad) -> {
                        c.auth.groups.add(bad);
                        return "auth.groups";
                    })),
            breaker("auth.groups duplicate", s -> s.auth != null && !s.auth.groups.isEmpty(), s -> Arbitraries.just(
                    change(s, "auth.groups duplicate", c -> {
                        c.auth.groups.add(c.auth.groups.get(0));
                        return "auth.groups";
                    }))),
            breaker("auth custom attribute named like a standard one", s -> s.auth != null, s -> each(s,
                    "auth custom attribute named like a standard one", Arbitraries.of(StandardAttribute.class),
                    (c, standard) -> {
                        c.auth.customAttributes.add(CustomAttribute.string(standard.cognitoName()));
                        return "auth.userAttributes['custom:" + standard.cognitoName() + "']";
                    })),
            breaker("auth custom attribute twice", s -> s.auth != null && !s.auth.customAttributes.isEmpty(),
                    s -> Arbitraries.just(change(s, "auth custom attribute twice", c -> {
                        String name = c.auth.customAttributes.get(0).name();
                        c.auth.customAttributes.add(CustomAttribute.number("custom:" + name));
                        return "auth.userAttributes['custom:" + name + "']";
                    }))),
            breaker("auth custom attribute bounds", s -> s.auth != null, s -> each(s, "auth custom attribute bounds",
                    Arbitraries.of(0, 1, 2), (c, kind) -> {
                        CustomAttribute bad = switch (kind) {
                            case 0 -> CustomAttribute.bool("flagx").bounds(0, 1);
                            case 1 -> CustomAttribute.string("flagx").bounds(10, 2);
                            default -> CustomAttribute.string("flagx").bounds(0, 5000);
                        };
                        c.auth.customAttributes.add(bad);
                        return "auth.userAttributes['custom:flagx']";
                    })),
            breaker("auth.userAttributes null", s -> s.auth != null, s -> Arbitraries.just(change(s,
                    "auth.userAttributes null", c -> {
                        c.auth.standardAttributes.add(null);
                        return "auth.userAttributes";
                    }))),
            breaker("auth.multifactor", s -> s.auth != null, s -> each(s, "auth.multifactor",
                    Arbitraries.of(Multifactor.optional(), Multifactor.required()), (c, bad) -> {
                        c.auth.multifactor = bad;
                        return "auth.multifactor";
                    })),
            breaker("auth.multifactor without SMS for phone login", s -> s.auth != null && s.auth.phone,
                    s -> Arbitraries.just(change(s, "auth.multifactor without SMS for phone login", c -> {
                        c.auth.multifactor = Multifactor.optional().totp();
                        return "auth.multifactor";
                    }))),
            breaker("auth callback URL", s -> s.auth != null && s.auth.external, s -> each(s, "auth callback URL",
                    Arbitraries.of("not a url", "/callback", "http://app.example.com/", "https:///path",
                            "https://app.example.com/#top", "app.example.com", null, "https://"
                                    + "a".repeat(1100) + ".example.com/"),
                    (c, bad) -> {
                        c.auth.callbackUrls.add(bad);
                        return "auth.loginWith.externalProviders.callbackUrls";
                    })),
            breaker("auth logout URL", s -> s.auth != null && s.auth.external, s -> each(s, "auth logout URL",
                    Arbitraries.of("not a url", "/signout", "http://app.example.com/", "https://x.example.com/#a",
                            null), (c, bad) -> {
                        c.auth.logoutUrls.add(0, bad);
                        return "auth.loginWith.externalProviders.logoutUrls";
                    })),
            breaker("auth logout URLs missing", s -> s.auth != null && s.auth.external, s -> Arbitraries.just(
                    change(s, "auth logout URLs missing", c -> {
                        c.auth.logoutUrls.clear();
                        return "auth.loginWith.externalProviders.logoutUrls";
                    }))),
            breaker("auth callback URLs missing", s -> s.auth != null && s.auth.external, s -> Arbitraries.just(
                    change(s, "auth callback URLs missing", c -> {
                        c.auth.callbackUrls.clear();
                        return "auth.loginWith.externalProviders.callbackUrls";
                    }))),
            breaker("auth domain prefix", s -> s.auth != null && s.auth.external, s -> each(s, "auth domain prefix",
                    Arbitraries.of("My_Prefix", "-start", "end-", "has space", "UPPER"), (c, bad) -> {
                        c.auth.domainPrefix = bad;
                        return "auth.loginWith.externalProviders.domainPrefix";
                    })),
            breaker("auth trigger function null", s -> s.auth != null && !s.functions.isEmpty(), s -> each(s,
                    "auth trigger function null", Arbitraries.of(TriggerEvent.class), (c, event) -> {
                        c.auth.triggerEvent = event;
                        c.auth.triggerFunctionNull = true;
                        return "auth.triggers." + event;
                    })),
            breaker("auth password length", s -> s.auth != null, s -> each(s, "auth password length",
                    Arbitraries.oneOf(Arbitraries.integers().between(-5, 5), Arbitraries.integers().between(100, 500)),
                    (c, bad) -> {
                        c.auth.passwordMinLength = bad;
                        return "auth.passwordPolicy.minLength";
                    })),
            // ---- data
            breaker("data model name", s -> s.data != null, s -> each(s, "data model name",
                    Arbitraries.of("todo-item", "1Todo", "Query", "Mutation", "String", "ModelPostConnection",
                            "Has Space"), (c, bad) -> {
                        ModelSpec model = lastModel(c);
                        renameModel(c, model, bad);
                        return "data.schema." + bad;
                    })),
            breaker("data model twice", s -> s.data != null, s -> Arbitraries.just(change(s, "data model twice", c -> {
                ModelSpec copy = c.data.models.get(0).copy();
                copy.relationships.clear();
                c.data.models.add(copy);
                return "data.schema." + copy.name;
            }))),
            breaker("data field name", s -> s.data != null, s -> each(s, "data field name",
                    Arbitraries.of("and", "or", "not", "__typename", "1field", "has-dash"), (c, bad) -> {
                        c.data.models.get(0).fields.add(new FieldSpec(bad, "String", Field.string()));
                        return "data.schema.Post." + bad;
                    })),
            breaker("data default of the wrong type", s -> s.data != null, s -> each(s,
                    "data default of the wrong type", Arbitraries.of(
                            new FieldSpec("bad", "String = 5", Field.string().defaultValue(5)),
                            new FieldSpec("bad", "String = true", Field.string().defaultValue(true)),
                            new FieldSpec("bad", "Int = 'high'", Field.integer().defaultValue("high")),
                            new FieldSpec("bad", "Int = 1.5", Field.integer().defaultValue(1.5)),
                            new FieldSpec("bad", "Boolean = 1", Field.bool().defaultValue(1)),
                            new FieldSpec("bad", "Boolean = 'yes'", Field.bool().defaultValue("yes")),
                            new FieldSpec("bad", "AWSDate = true", Field.date().defaultValue(true)),
                            new FieldSpec("bad", "Float = 'x'", Field.floatType().defaultValue("x")),
                            new FieldSpec("bad", "AWSTimestamp = 1.5", Field.timestamp().defaultValue(1.5)),
                            new FieldSpec("bad", "[String] = 'a'", Field.string().array().defaultValue("a")),
                            new FieldSpec("bad", "ID = 7", Field.id().defaultValue(7)),
                            new FieldSpec("bad", "AWSDate = 'tomorrow'", Field.date().defaultValue("tomorrow")),
                            new FieldSpec("bad", "AWSDate = '2023-02-29'", Field.date().defaultValue("2023-02-29")),
                            new FieldSpec("bad", "AWSTime = '25:00:00Z'", Field.time().defaultValue("25:00:00Z")),
                            new FieldSpec("bad", "AWSDateTime = '2025-01-31'", Field.datetime()
                                    .defaultValue("2025-01-31")),
                            new FieldSpec("bad", "AWSEmail = 'a@'", Field.email().defaultValue("a@")),
                            new FieldSpec("bad", "AWSJSON = '{'", Field.json().defaultValue("{")),
                            new FieldSpec("bad", "AWSPhone = 'call me'", Field.phone().defaultValue("call me")),
                            new FieldSpec("bad", "AWSURL = 'not a url'", Field.url().defaultValue("not a url")),
                            new FieldSpec("bad", "AWSIPAddress = '1.2.3'", Field.ipAddress().defaultValue("1.2.3"))),
                    (c, bad) -> {
                        c.data.models.get(0).fields.add(bad);
                        return "data.schema.Post.bad";
                    }).map(broken -> replacingDefault(broken, "bad"))),
            breaker("data enum default", s -> s.data != null && !s.data.enumValues.isEmpty(), s -> Arbitraries.just(
                    replacingDefault(change(s, "data enum default", c -> {
                        c.data.models.get(0).fields.add(new FieldSpec("state", "Status = NEVER",
                                Field.enumRef("Status").defaultValue("NEVER")));
                        return "data.schema.Post.state";
                    }), "state"))),
            breaker("data enum missing", s -> s.data != null && s.data.enumValues.isEmpty(), s -> Arbitraries.just(
                    change(s, "data enum missing", c -> {
                        c.data.models.get(0).fields.add(new FieldSpec("state", "Status", Field.enumRef("Status")));
                        return "data.schema.Post.state";
                    }))),
            breaker("data field null", s -> s.data != null, s -> Arbitraries.just(change(s, "data field null", c -> {
                c.data.models.get(0).fields.add(new FieldSpec("gone", "null", null));
                return "data.schema.Post.gone";
            }))),
            breaker("data identifier", s -> s.data != null, s -> each(s, "data identifier",
                    Arbitraries.of("missing", "optional"), (c, bad) -> {
                        ModelSpec model = lastModel(c);
                        if (bad.equals("optional")) {
                            model.fields.add(new FieldSpec("optional", "String", Field.string()));
                        }
                        model.identifier = new ArrayList<>(List.of(bad));
                        return "data.schema." + model.name + ".identifier";
                    })),
            breaker("data index", s -> s.data != null, s -> each(s, "data index", Arbitraries.of(0, 1, 2),
                    (c, kind) -> {
                        ModelSpec model = lastModel(c);
                        model.fields.add(new FieldSpec("kind", "String", Field.string()));
                        model.indexes.add(switch (kind) {
                            case 0 -> SecondaryIndex.on("missing");
                            case 1 -> SecondaryIndex.on("kind").name("x");
                            default -> SecondaryIndex.on("kind").sortKeys("createdAt", "createdAt");
                        });
                        return "data.schema." + model.name + ".secondaryIndexes";
                    })),
            breaker("data relationship to a missing model", s -> s.data != null, s -> Arbitraries.just(change(s,
                    "data relationship to a missing model", c -> {
                        ModelSpec model = c.data.models.get(0);
                        model.fields.add(new FieldSpec("listId", "ID", Field.id()));
                        model.relationships.add(new String[] {"belongsTo", "list", "List", "listId"});
                        return "data.schema.Post.list";
                    }))),
            breaker("data rule", s -> s.data != null, s -> each(s, "data rule", Arbitraries.of(0, 1, 2), (c, kind) -> {
                c.data.models.get(0).rules.add(switch (kind) {
                    case 0 -> AuthRule.groups("");
                    case 1 -> AuthRule.authenticated().to();
                    default -> AuthRule.groups(new String[0]);
                });
                return "data.schema.Post.authorization";
            })),
            breaker("data owner rule without auth", s -> s.data != null && s.auth == null, s -> Arbitraries.just(
                    change(s, "data owner rule without auth", c -> {
                        c.data.models.get(0).rules.add(AuthRule.owner());
                        return "data.schema.Post.authorization";
                    }))),
            breaker("data operation without handler", s -> s.data != null && s.data.operationName != null,
                    s -> Arbitraries.just(change(s, "data operation without handler", c -> {
                        c.data.operationHandler = false;
                        return "data.schema.Query." + c.data.operationName;
                    }))),
            breaker("data operation name", s -> s.data != null && s.data.operationName != null, s -> each(s,
                    "data operation name", Arbitraries.of("getPost", "listPosts", "bad-name"), (c, bad) -> {
                        c.data.operationName = bad;
                        return "data.schema.Query." + bad;
                    })),
            breaker("data.name", s -> s.data != null, s -> each(s, "data.name", Arbitraries.of("my api!", "9api", ""),
                    (c, bad) -> {
                        c.data.name = bad;
                        return "data.name";
                    })),
            // ---- storage
            breaker("storage name", s -> !s.storage.isEmpty(), s -> each(s, "storage name",
                    Arbitraries.of("9media", "my.bucket", "bucket!", ""), (c, bad) -> {
                        c.storage.get(0).name = bad;
                        return "storage '" + bad + "'.name";
                    })),
            breaker("storage name random", s -> !s.storage.isEmpty(), s -> each(s, "storage name random",
                    invalidName(), (c, bad) -> {
                        c.storage.get(0).name = bad;
                        return "storage '" + bad + "'.name";
                    })),
            breaker("storage path random", s -> !s.storage.isEmpty() && s.auth != null, s -> each(s,
                    "storage path random", Arbitraries.strings().ofMinLength(1).ofMaxLength(12)
                            .filter(path -> !path.endsWith("/*") || path.startsWith("/") || path.contains("//")
                                    || path.indexOf('*') < path.length() - 1), (c, bad) -> {
                        c.storage.get(0).access.put(bad, new ArrayList<>(List.of(
                                StorageAccess.authenticated(StorageAction.READ))));
                        return "storage '" + c.storage.get(0).name + "'.access";
                    }).map(RandomBackends::replacingPath)),
            breaker("storage name null", s -> !s.storage.isEmpty(), s -> Arbitraries.just(change(s,
                    "storage name null", c -> {
                        c.storage.get(0).name = null;
                        return "storage.name";
                    }))),
            breaker("storage path", s -> !s.storage.isEmpty() && s.auth != null, s -> each(s, "storage path",
                    Arbitraries.of("/public/*", "media", "media/", "media//x/*", "p/*/x/*", "a/{entity_id}/b/*",
                            "{entity_id}/*", "a/x{entity_id}/*", "a/{entity_id}/{entity_id}/*", "photos/*/2024/",
                            "/private/{entity_id}", "//shared//*"), (c, bad) -> {
                        c.storage.get(0).access.put(bad, new ArrayList<>(List.of(bad.contains("{entity_id}")
                                ? StorageAccess.entity(StorageAction.READ)
                                : StorageAccess.authenticated(StorageAction.READ))));
                        return "storage '" + c.storage.get(0).name + "'.access";
                    }).map(RandomBackends::replacingPath)),
            breaker("storage entity rule without {entity_id}", s -> !s.storage.isEmpty() && s.auth != null,
                    s -> Arbitraries.of("shared/*", "uploads/all/*", "docs/*").map(path -> change(s,
                            "storage entity rule without {entity_id}", c -> {
                                c.storage.get(0).access.put(path, new ArrayList<>(List.of(
                                        StorageAccess.entity(StorageAction.READ, StorageAction.WRITE))));
                                return "storage '" + c.storage.get(0).name + "'.access['" + path + "']";
                            }))),
            breaker("storage rule twice", s -> !s.storage.isEmpty() && s.auth != null, s -> Arbitraries.just(change(s,
                    "storage rule twice", c -> {
                        c.storage.get(0).access.put("twice/*", new ArrayList<>(List.of(
                                StorageAccess.authenticated(StorageAction.READ),
                                StorageAccess.authenticated(StorageAction.WRITE))));
                        return "storage '" + c.storage.get(0).name + "'.access['twice/*']";
                    }))),
            breaker("storage groups rule naming none", s -> !s.storage.isEmpty() && s.auth != null,
                    s -> Arbitraries.just(change(s, "storage groups rule naming none", c -> {
                        c.storage.get(0).access.put("none/*", new ArrayList<>(List.of(
                                StorageAccess.groups(List.of(), StorageAction.READ))));
                        return "storage '" + c.storage.get(0).name + "'.access['none/*']";
                    }))),
            breaker("storage path null", s -> !s.storage.isEmpty(), s -> Arbitraries.just(change(s,
                    "storage path null", c -> {
                        c.storage.get(0).access.put(null, new ArrayList<>(List.of(
                                StorageAccess.authenticated(StorageAction.READ))));
                        return "storage '" + c.storage.get(0).name + "'.access";
                    }))),
            breaker("storage rule null", s -> !s.storage.isEmpty(), s -> Arbitraries.just(change(s,
                    "storage rule null", c -> {
                        List<StorageAccess> rules = new ArrayList<>();
                        rules.add(null);
                        c.storage.get(0).access.put("nulls/*", rules);
                        return "storage '" + c.storage.get(0).name + "'.access['nulls/*']";
                    }))),
            breaker("storage duplicate name", s -> s.storage.size() == 2, s -> Arbitraries.just(change(s,
                    "storage duplicate name", c -> {
                        c.storage.get(1).name = c.storage.get(0).name;
                        return "Two different resources are both storage '" + c.storage.get(0).name + "'";
                    }))),
            breaker("storage two defaults", s -> s.storage.size() == 2, s -> Arbitraries.just(change(s,
                    "storage two defaults", c -> {
                        c.storage.forEach(b -> b.isDefault = true);
                        return "More than one default storage set in the Amplify project: "
                                + c.storage.get(0).name;
                    }))));

    /** The broken storage path (the first bucket's last one) can be replaced by the value a fix offers. */
    private static Broken replacingPath(Broken broken) {
        Map<String, List<StorageAccess>> access = broken.spec().storage.get(0).access;
        String bad = new ArrayList<>(access.keySet()).get(access.size() - 1);
        return new Broken(broken.spec(), broken.field(), broken.where(), (copy, value) -> {
            StorageSpec bucket = copy.storage.get(0);
            List<StorageAccess> rules = bucket.access.remove(bad);
            bucket.access.put(value, rules);
            return copy;
        });
    }

    /** The broken default of the first model's field can be replaced by the value a fix offers. */
    private static Broken replacingDefault(Broken broken, String fieldName) {
        return new Broken(broken.spec(), broken.field(), broken.where(), (copy, value) -> {
            List<FieldSpec> fields = copy.data.models.get(0).fields;
            for (int i = 0; i < fields.size(); i++) {
                FieldSpec field = fields.get(i);
                if (field.name().equals(fieldName)) {
                    fields.set(i, new FieldSpec(fieldName, field.description() + ", replaced by " + value,
                            field.field().defaultValue(value)));
                }
            }
            return copy;
        });
    }

    /** Any text Amplify's resource name rule refuses: not starting with a letter, or with other characters. */
    private static Arbitrary<String> invalidName() {
        return Arbitraries.strings().ofMinLength(1).ofMaxLength(12)
                .filter(name -> !name.matches("^[a-zA-Z][a-zA-Z0-9-_ ]*$"));
    }

    private static ModelSpec lastModel(Spec spec) {
        return spec.data.models.get(spec.data.models.size() - 1);
    }

    private static void renameModel(Spec spec, ModelSpec model, String name) {
        String old = model.name;
        model.name = name;
        for (ModelSpec other : spec.data.models) {
            for (String[] relationship : other.relationships) {
                if (relationship[2].equals(old)) {
                    relationship[2] = name;
                }
            }
        }
    }

    /** Invalid backends: a valid one with exactly one part changed into a known-bad value. */
    static Arbitrary<Broken> invalid() {
        return valid().flatMap(spec -> {
            List<Breaker> applicable = BREAKERS.stream().filter(b -> b.applies().test(spec)).toList();
            return Arbitraries.of(applicable).flatMap(b -> b.breaks().apply(spec));
        });
    }
}
