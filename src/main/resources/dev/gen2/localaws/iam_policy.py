"""IAM's evaluation of identity-based policies, for the local AWS: given a principal's policy documents, an action, a
resource ARN and the request's context keys, is the request explicitly denied, allowed, or implicitly denied?

moto's own evaluator (moto.iam.access_control) falls short for the policies this project generates: an Allow whose
condition is not met counts as an explicit deny there, condition keys of the request are never passed, policy
variables (${cognito-identity.amazonaws.com:sub}) are matched as regular expressions, `?` is no wildcard and
NotResource is ignored. This module implements the rules as IAM documents them, and nothing else; it knows no moto.

What it evaluates: Effect, Action/NotAction (case-insensitive, `*` and `?`), Resource/NotResource (case-sensitive,
`*` and `?`), policy variables in Resource and in condition values (including ${*}, ${?}, ${$}), Condition with the
String*, Arn*, Bool, Null, Numeric* and Date* operators, their ...IfExists forms and the ForAnyValue:/ForAllValues:
set qualifiers. An unknown operator makes its statement not apply (and says so in the decision's reasons).
Not evaluated: resource-based policies, permission boundaries, session policies, SCPs (see docs/local-development.md).
"""
import datetime
import json
import re

ALLOW = "Allow"
EXPLICIT_DENY = "ExplicitDeny"
IMPLICIT_DENY = "ImplicitDeny"

_VARIABLE = re.compile(r"\$\{([^}]*)\}")
_SPECIAL_VARIABLES = {"*": "*", "?": "?", "$": "$"}


class Decision:
    """The outcome: ALLOW, EXPLICIT_DENY or IMPLICIT_DENY, with the statement that decided (None when implicit)."""

    def __init__(self, kind, statement=None, notes=()):
        self.kind = kind
        self.statement = statement
        self.notes = list(notes)

    def __repr__(self):
        return f"Decision({self.kind})"


def evaluate(policies, action, resource, context):
    """policies: policy documents (dicts or JSON strings); context: condition key -> str or list of str."""
    context = {k.lower(): v for k, v in (context or {}).items()}
    allowed_by = None
    notes = []
    for policy in policies:
        document = json.loads(policy) if isinstance(policy, str) else policy
        statements = document.get("Statement", [])
        for statement in statements if isinstance(statements, list) else [statements]:
            if not _applies(statement, action, resource, context, notes):
                continue
            if statement.get("Effect") == "Deny":
                return Decision(EXPLICIT_DENY, statement, notes)
            if statement.get("Effect") == "Allow" and allowed_by is None:
                allowed_by = statement
    if allowed_by is not None:
        return Decision(ALLOW, allowed_by, notes)
    return Decision(IMPLICIT_DENY, None, notes)


def _as_list(value):
    return value if isinstance(value, list) else [value]


def _applies(statement, action, resource, context, notes):
    if "NotAction" in statement:
        if any(_wildcard_match(p, action, ignore_case=True) for p in _as_list(statement["NotAction"])):
            return False
    elif not any(_wildcard_match(p, action, ignore_case=True) for p in _as_list(statement.get("Action", []))):
        return False
    if "NotResource" in statement:
        if any(_resource_matches(p, resource, context) for p in _as_list(statement["NotResource"])):
            return False
    elif not any(_resource_matches(p, resource, context) for p in _as_list(statement.get("Resource", []))):
        return False
    return _conditions_hold(statement.get("Condition") or {}, context, notes)


def substitute(text, context):
    """The text with its policy variables replaced from the context; None when one has no single value (then the
    element does not match, as in IAM)."""
    missing = []

    def replace(match):
        name = match.group(1)
        if name in _SPECIAL_VARIABLES:
            return "\0" + name  # marks a literal, not a wildcard
        key, _, default = name.partition(", ")
        value = context.get(key.strip().lower())
        if isinstance(value, list):
            value = value[0] if len(value) == 1 else None
        if value is None:
            if default:
                return default.strip().strip("'")
            missing.append(name)
            return ""
        return str(value).replace("*", "\0*").replace("?", "\0?")

    result = _VARIABLE.sub(replace, text)
    return None if missing else result


def _resource_matches(pattern, resource, context):
    pattern = substitute(pattern, context)
    return pattern is not None and _wildcard_match(pattern, resource)


def _wildcard_match(pattern, value, ignore_case=False):
    """IAM's wildcards: `*` any run of characters, `?` one; a NUL-marked character (from a variable) is literal."""
    regex = []
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\0" and i + 1 < len(pattern):
            regex.append(re.escape(pattern[i + 1]))
            i += 2
            continue
        regex.append(".*" if char == "*" else "." if char == "?" else re.escape(char))
        i += 1
    flags = re.DOTALL | (re.IGNORECASE if ignore_case else 0)
    return re.fullmatch("".join(regex), value, flags) is not None


def _literal(text):
    return text.replace("\0", "")


# --- conditions -------------------------------------------------------------------------------------------------------

def _string_equals(expected, actual):
    return _literal(expected) == actual


def _string_equals_ignore_case(expected, actual):
    return _literal(expected).lower() == actual.lower()


def _string_like(expected, actual):
    return _wildcard_match(expected, actual)


def _arn_like(expected, actual):
    # ARNs compare part by part; wildcards stay inside their part
    expected_parts, actual_parts = expected.split(":", 5), actual.split(":", 5)
    return len(expected_parts) == len(actual_parts) == 6 and all(
        _wildcard_match(e, a) for e, a in zip(expected_parts, actual_parts))


def _bool(expected, actual):
    return _literal(expected).lower() == str(actual).lower()


def _number(text):
    return float(_literal(str(text)))


def _date(text):
    text = _literal(str(text))
    if re.fullmatch(r"\d+(\.\d+)?", text):
        return datetime.datetime.fromtimestamp(float(text), datetime.timezone.utc)
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))


def _compare(convert, test):
    def compare(expected, actual):
        try:
            return test(convert(actual), convert(expected))
        except (ValueError, TypeError):
            return False
    return compare


_OPERATORS = {
    # name: (matches(expected, actual), negated)
    "stringequals": (_string_equals, False),
    "stringnotequals": (_string_equals, True),
    "stringequalsignorecase": (_string_equals_ignore_case, False),
    "stringnotequalsignorecase": (_string_equals_ignore_case, True),
    "stringlike": (_string_like, False),
    "stringnotlike": (_string_like, True),
    "arnequals": (_arn_like, False),
    "arnlike": (_arn_like, False),
    "arnnotequals": (_arn_like, True),
    "arnnotlike": (_arn_like, True),
    "bool": (_bool, False),
    "numericequals": (_compare(_number, lambda a, e: a == e), False),
    "numericnotequals": (_compare(_number, lambda a, e: a == e), True),
    "numericlessthan": (_compare(_number, lambda a, e: a < e), False),
    "numericlessthanequals": (_compare(_number, lambda a, e: a <= e), False),
    "numericgreaterthan": (_compare(_number, lambda a, e: a > e), False),
    "numericgreaterthanequals": (_compare(_number, lambda a, e: a >= e), False),
    "dateequals": (_compare(_date, lambda a, e: a == e), False),
    "datenotequals": (_compare(_date, lambda a, e: a == e), True),
    "datelessthan": (_compare(_date, lambda a, e: a < e), False),
    "datelessthanequals": (_compare(_date, lambda a, e: a <= e), False),
    "dategreaterthan": (_compare(_date, lambda a, e: a > e), False),
    "dategreaterthanequals": (_compare(_date, lambda a, e: a >= e), False),
}


def _conditions_hold(conditions, context, notes):
    """All operators, all keys within an operator must hold (AND); the values of one key are alternatives (OR)."""
    for operator, keys in conditions.items():
        for key, expected in keys.items():
            if not _condition_holds(operator, key, _as_list(expected), context, notes):
                return False
    return True


def _condition_holds(operator, key, expected_values, context, notes):
    qualifier, _, name = operator.rpartition(":")
    name = name.lower()
    actual = context.get(key.lower())
    if name == "null":
        is_null = actual is None or actual == []
        return any(_literal(str(e)).lower() == str(is_null).lower() for e in expected_values)
    if_exists = name.endswith("ifexists")
    if if_exists:
        name = name[: -len("ifexists")]
    if name not in _OPERATORS:
        notes.append(f"condition operator {operator} is not evaluated by the local AWS: its statement does not apply")
        return False
    matches, negated = _OPERATORS[name]
    # a variable in a condition value is replaced; one without a value matches nothing
    expected = [s for s in (substitute(str(e), context) for e in expected_values) if s is not None]
    if actual is None or actual == []:
        if qualifier.lower() == "forallvalues":
            return True
        if qualifier.lower() == "foranyvalue":
            return False
        return if_exists or negated
    actual_values = [str(a) for a in _as_list(actual)]

    def one_holds(value):
        found = any(matches(e, value) for e in expected)
        return not found if negated else found

    if qualifier.lower() == "forallvalues":
        return all(one_holds(a) for a in actual_values)
    if qualifier.lower() == "foranyvalue":
        return any(one_holds(a) for a in actual_values)
    if negated:
        # a negated operator holds when no value of the key matches any expected value
        return all(one_holds(a) for a in actual_values)
    return any(one_holds(a) for a in actual_values)
