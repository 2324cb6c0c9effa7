"""EventBridge Scheduler schedules fire: moto's scheduler backend stores schedules and never runs them. A timer thread
here fires each ENABLED schedule when it is due, in its time zone, between its StartDate and EndDate, by invoking its
target function on the local Lambda runtime (lambda_runtime) with the payload EventBridge Scheduler sends: the
target's Input, with the context attributes (<aws.scheduler.schedule-arn>, <aws.scheduler.scheduled-time>,
<aws.scheduler.execution-id>, <aws.scheduler.attempt-number>) replaced, or {} when the target has no Input.

Expressions as EventBridge Scheduler reads them: rate(N minute|minutes|hour|hours|day|days), cron(minutes hours
day-of-month month day-of-week year) with * ? , - / and the names JAN-DEC and SUN-SAT (day-of-week 1 is Sunday), and
at(yyyy-mm-ddThh:mm:ss). Not read: cron's L, W and # (such a schedule is listed with the reason and never fires).
A rate counts from the schedule's StartDate, else its creation. Missed times are not made up for (a stopped local
AWS fires nothing), and no retry policy applies: a failed run is logged once.

Routes: GET /_gen2/schedules lists every schedule with its next due time; POST /_gen2/schedules/run?name=N
[&group=G] fires one now (whatever its state) and answers the function's result.
"""
import calendar
import datetime
import json
import re
import threading
import time
import urllib.parse
import uuid

import gen2_routes
import lambda_runtime

TICK_SECONDS = 1.0
_MONTHS = {name: i for i, name in enumerate(calendar.month_abbr) if name}
_MONTHS = {k.upper(): v for k, v in _MONTHS.items()}
_WEEKDAYS = {"SUN": 1, "MON": 2, "TUE": 3, "WED": 4, "THU": 5, "FRI": 6, "SAT": 7}
_RATE_UNITS = {"minute": 60, "minutes": 60, "hour": 3600, "hours": 3600, "day": 86400, "days": 86400}


class ExpressionError(ValueError):
    """A schedule expression this module cannot read."""


# --- expressions ----------------------------------------------------------------------------------------------------

def _field(text, low, high, names=None):
    """The set of values a cron field allows (None for * and ?)."""
    if text in ("*", "?"):
        return None
    values = set()
    for part in text.split(","):
        step = 1
        if "/" in part:
            part, step_text = part.split("/", 1)
            step = int(step_text)
            if step < 1:
                raise ExpressionError(f"a step must be positive: /{step_text}")
        if part in ("*", ""):
            first, last = low, high
        elif "-" in part:
            first_text, last_text = part.split("-", 1)
            first, last = _value(first_text, names), _value(last_text, names)
        else:
            first = _value(part, names)
            last = high if step > 1 else first
        if not (low <= first <= high and low <= last <= high):
            raise ExpressionError(f"{part} is outside {low}-{high}")
        values.update(range(first, last + 1, step))
    return values


def _value(text, names):
    upper = text.upper()
    if names and upper in names:
        return names[upper]
    if not text.isdigit():
        raise ExpressionError(f"{text} is not a number" + (" or a name" if names else "")
                              + (" (L, W and # are not read by the local AWS)" if any(c in text for c in "LW#")
                                 else ""))
    return int(text)


class Cron:
    """cron(minutes hours day-of-month month day-of-week year), day-of-week 1-7 = SUN-SAT."""

    def __init__(self, text):
        fields = text.split()
        if len(fields) != 6:
            raise ExpressionError(f"cron() takes 6 fields (minutes hours day-of-month month day-of-week year), "
                                  f"not {len(fields)}: {text}")
        self.minutes = _field(fields[0], 0, 59)
        self.hours = _field(fields[1], 0, 23)
        self.days = _field(fields[2], 1, 31)
        self.months = _field(fields[3], 1, 12, _MONTHS)
        self.weekdays = _field(fields[4], 1, 7, _WEEKDAYS)
        self.years = _field(fields[5], 1970, 2199)
        if fields[2] != "?" and fields[4] != "?":
            raise ExpressionError("one of day-of-month and day-of-week must be ?")

    def _day_matches(self, moment):
        weekday = (moment.isoweekday() % 7) + 1  # Sunday is 1
        return ((self.days is None or moment.day in self.days)
                and (self.weekdays is None or weekday in self.weekdays))

    def next_after(self, moment):
        """The first time after moment (an aware datetime) that the expression matches, or None."""
        candidate = (moment + datetime.timedelta(minutes=1)).replace(second=0, microsecond=0)
        limit = candidate + datetime.timedelta(days=366 * 5)
        while candidate < limit:
            if self.years is not None and candidate.year not in self.years:
                if candidate.year > max(self.years):
                    return None
                candidate = candidate.replace(year=candidate.year + 1, month=1, day=1, hour=0, minute=0)
                continue
            if self.months is not None and candidate.month not in self.months:
                candidate = (candidate.replace(day=1, hour=0, minute=0) + datetime.timedelta(days=32)).replace(day=1)
                continue
            if not self._day_matches(candidate):
                candidate = candidate.replace(hour=0, minute=0) + datetime.timedelta(days=1)
                continue
            if self.hours is not None and candidate.hour not in self.hours:
                candidate = candidate.replace(minute=0) + datetime.timedelta(hours=1)
                continue
            if self.minutes is not None and candidate.minute not in self.minutes:
                candidate += datetime.timedelta(minutes=1)
                continue
            return candidate
        return None


class Rate:
    """rate(N unit), counted from an anchor (the schedule's start)."""

    def __init__(self, text, anchor):
        match = re.fullmatch(r"\s*(\d+)\s+([a-z]+)\s*", text)
        if not match or match.group(2) not in _RATE_UNITS:
            raise ExpressionError(f"rate() takes a whole number and minute(s), hour(s) or day(s): {text}")
        value = int(match.group(1))
        if value < 1:
            raise ExpressionError(f"a rate must be positive: {text}")
        if (value == 1) != (not match.group(2).endswith("s")):
            raise ExpressionError(f"rate({value} {match.group(2)}): use the singular unit for 1 and the plural "
                                  f"otherwise")
        self.period = datetime.timedelta(seconds=value * _RATE_UNITS[match.group(2)])
        self.anchor = anchor

    def next_after(self, moment):
        if moment < self.anchor:
            return self.anchor + self.period
        periods = (moment - self.anchor) // self.period + 1
        return self.anchor + periods * self.period


class At:
    """at(yyyy-mm-ddThh:mm:ss): once."""

    def __init__(self, text, zone):
        try:
            self.when = datetime.datetime.strptime(text.strip(), "%Y-%m-%dT%H:%M:%S").replace(tzinfo=zone)
        except ValueError:
            raise ExpressionError(f"at() takes yyyy-mm-ddThh:mm:ss: {text}") from None

    def next_after(self, moment):
        return self.when if self.when > moment else None


def _zone(name):
    from zoneinfo import ZoneInfo
    return datetime.timezone.utc if name in (None, "", "UTC") else ZoneInfo(name)


def _instant(value):
    """StartDate/EndDate/CreationDate as moto holds them (epoch seconds or an ISO text) as an aware datetime."""
    if value in (None, ""):
        return None
    if isinstance(value, (int, float)):
        return datetime.datetime.fromtimestamp(value, datetime.timezone.utc)
    text = str(value).replace("Z", "+00:00")
    moment = datetime.datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=datetime.timezone.utc)


def recurrence(schedule):
    """The schedule's expression read, in its time zone."""
    zone = _zone(schedule.schedule_expression_timezone)
    match = re.fullmatch(r"\s*(rate|cron|at)\((.*)\)\s*", schedule.schedule_expression or "")
    if not match:
        raise ExpressionError(f"not rate(...), cron(...) or at(...): {schedule.schedule_expression}")
    kind, body = match.groups()
    if kind == "rate":
        anchor = _instant(schedule.start_date) or _instant(schedule.creation_date)
        return Rate(body, anchor.astimezone(zone))
    if kind == "cron":
        return Cron(body)
    return At(body, zone)


def next_due(schedule, after):
    """The schedule's next due time after `after` (an aware datetime, UTC), within its dates; None if never."""
    zone = _zone(schedule.schedule_expression_timezone)
    start, end = _instant(schedule.start_date), _instant(schedule.end_date)
    moment = after.astimezone(zone)
    if start and moment < start:
        moment = start.astimezone(zone) - datetime.timedelta(seconds=1)
    due = recurrence(schedule).next_after(moment)
    if due is None or (end and due > end):
        return None
    return due.astimezone(datetime.timezone.utc)


# --- firing ---------------------------------------------------------------------------------------------------------

def _all_schedules():
    from moto.scheduler.models import scheduler_backends
    for account in list(scheduler_backends.keys()):
        for region in list(scheduler_backends[account].keys()):
            for group in list(scheduler_backends[account][region].schedule_groups.values()):
                for schedule in list(group.schedules.values()):
                    yield account, region, schedule


def _target_function(schedule, account, region):
    from moto.awslambda.models import lambda_backends
    arn = schedule.target.get("Arn", "")
    if ":lambda:" not in arn:
        raise lambda_runtime.RuntimeUnavailable(
            f"the schedule {schedule.name} targets {arn}; the local AWS fires Lambda targets only")
    return lambda_backends[account][region].get_function(arn)


def payload(schedule, scheduled_time, execution_id, attempt=1):
    """What EventBridge Scheduler sends the target: its Input with the context attributes replaced, else {}."""
    text = schedule.target.get("Input")
    if text is None:
        return "{}"
    values = {"schedule-arn": schedule.arn, "scheduled-time": scheduled_time.strftime("%Y-%m-%dT%H:%M:%SZ"),
              "execution-id": execution_id, "attempt-number": str(attempt)}
    for name, value in values.items():
        text = text.replace(f"<aws.scheduler.{name}>", value)
    return text


def fire(account, region, schedule, scheduled_time):
    """Runs the target function once; returns lambda_runtime.run's result."""
    fn = _target_function(schedule, account, region)
    return lambda_runtime.run(fn, payload(schedule, scheduled_time, uuid.uuid4().hex[:16]))


class Timer:
    """Fires due schedules. Each schedule's next due time is computed when the timer first sees it (or sees it
    changed), so a schedule never fires for a time before the local AWS knew it."""

    def __init__(self):
        self.due = {}  # arn -> (last modification, next due or None)
        self.problems = {}  # arn -> why it never fires

    def tick(self, now):
        seen = set()
        for account, region, schedule in _all_schedules():
            seen.add(schedule.arn)
            known = self.due.get(schedule.arn)
            if known is None or known[0] != schedule.last_modified_date:
                self.due[schedule.arn] = (schedule.last_modified_date, self._next(schedule, now))
                continue
            due = known[1]
            if due is None or due > now:
                continue
            self.due[schedule.arn] = (known[0], self._next(schedule, due))
            if schedule.state == "ENABLED":
                threading.Thread(target=self._fire, args=(account, region, schedule, due), daemon=True).start()
        for arn in set(self.due) - seen:
            del self.due[arn]

    def _next(self, schedule, after):
        try:
            self.problems.pop(schedule.arn, None)
            return next_due(schedule, after)
        except (ExpressionError, ValueError, LookupError) as error:
            self.problems[schedule.arn] = str(error)
            return None

    @staticmethod
    def _fire(account, region, schedule, due):
        try:
            result = fire(account, region, schedule, due)
            if result.get("functionError"):
                print(f"[schedule {schedule.name}] the function failed: {result.get('payload')}", flush=True)
        except Exception as error:  # noqa: BLE001 - a timer must keep running
            print(f"[schedule {schedule.name}] could not fire: {error}", flush=True)

    def run_forever(self):
        while True:
            try:
                self.tick(datetime.datetime.now(datetime.timezone.utc))
            except Exception as error:  # noqa: BLE001 - e.g. a backend changing while read
                print(f"local AWS: the schedule timer skipped a tick: {error}", flush=True)
            time.sleep(TICK_SECONDS)


_timer = Timer()


# --- routes ---------------------------------------------------------------------------------------------------------

def _describe(schedule):
    due = _timer.due.get(schedule.arn)
    if due is None:
        try:
            next_time = next_due(schedule, datetime.datetime.now(datetime.timezone.utc))
            problem = None
        except (ExpressionError, ValueError, LookupError) as error:
            next_time, problem = None, str(error)
    else:
        next_time, problem = due[1], _timer.problems.get(schedule.arn)
    return {"name": schedule.name, "group": schedule.group_name, "arn": schedule.arn,
            "expression": schedule.schedule_expression, "timezone": schedule.schedule_expression_timezone,
            "state": schedule.state, "target": schedule.target.get("Arn"),
            "nextDue": next_time.strftime("%Y-%m-%dT%H:%M:%SZ") if next_time else None, "problem": problem}


def _list_route(environ):
    path = environ.get("PATH_INFO", "")
    if path.rstrip("/") == "/_gen2/schedules" and environ.get("REQUEST_METHOD") == "GET":
        schedules = sorted((_describe(s) for _, _, s in _all_schedules()), key=lambda s: (s["group"], s["name"]))
        return gen2_routes.json_response("200 OK", {"schedules": schedules})
    if path == "/_gen2/schedules/run" and environ.get("REQUEST_METHOD") == "POST":
        return _run_route(environ)
    return gen2_routes.json_response("404 Not Found", {"message": f"no local route {path}"})


def _run_route(environ):
    query = urllib.parse.parse_qs(environ.get("QUERY_STRING", ""))
    name, group = (query.get("name") or [""])[0], (query.get("group") or [None])[0]
    matches = [(a, r, s) for a, r, s in _all_schedules() if s.name == name and group in (None, s.group_name)]
    if not matches:
        names = sorted(s.name for _, _, s in _all_schedules())
        return gen2_routes.json_response("404 Not Found", {
            "message": f"No schedule named '{name}'" + (f" in the group {group}" if group else "")
                       + f". Schedules: {', '.join(names) if names else 'none'}."})
    if len(matches) > 1:
        return gen2_routes.json_response("409 Conflict", {
            "message": f"Several groups have a schedule named '{name}': "
                       f"{', '.join(sorted(s.group_name for _, _, s in matches))}. Name the group."})
    account, region, schedule = matches[0]
    try:
        result = fire(account, region, schedule, datetime.datetime.now(datetime.timezone.utc))
    except lambda_runtime.RuntimeUnavailable as error:
        return gen2_routes.json_response("502 Bad Gateway", {"message": str(error)})
    except Exception as error:  # noqa: BLE001 - e.g. the target function is gone
        return gen2_routes.json_response("502 Bad Gateway", {
            "message": f"The schedule {name} could not fire its target {schedule.target.get('Arn')}: {error}"})
    return gen2_routes.json_response("200 OK", {
        "name": schedule.name, "function": schedule.target.get("Arn"), "payload": result.get("payload"),
        "functionError": result.get("functionError")})


def apply():
    gen2_routes.register("/_gen2/schedules", _list_route)
    threading.Thread(target=_timer.run_forever, name="gen2-schedules", daemon=True).start()
