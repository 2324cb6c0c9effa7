package dev.gen2.backend.function;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awscdk.TimeZone;
import software.amazon.awscdk.services.scheduler.CronOptionsWithTimezone;
import software.amazon.awscdk.services.scheduler.ScheduleExpression;

/**
 * Turns a function schedule into an EventBridge Scheduler cron expression, as Amplify does, and finds what is wrong
 * with it in Amplify's words.
 */
final class ScheduleParser {
    private static final Pattern RATE = Pattern.compile("^every (?:(-?\\d+(?:\\.\\d+)?)(m|h)|(day|week|month|year))$");
    /** A rate's number, if any, and its unit, whatever the unit is: {@code every dya} has the unit {@code dya}. */
    private static final Pattern ANY_RATE = Pattern.compile("^every\\s*(-?[\\d.]*)\\s*([a-zA-Z]+)$");
    private static final List<String> UNITS = List.of("m", "h", "day", "week", "month", "year");
    private static final String RATE_UNITS = "m and h after a number (every 5m, every 2h), or day, week, month and year"
            + " (every day)";
    private static final String[] FIELDS = {"minutes", "hours", "day-of-month", "month", "day-of-week", "year"};
    private static final int[][] RANGES = {{0, 59}, {0, 23}, {1, 31}, {1, 12}, {1, 7}, {1970, 2199}};

    private ScheduleParser() {
    }

    /** The problems of a schedule for a function with the given timeout; empty when it is fine. */
    static List<String> problems(FunctionSchedule schedule, int timeoutSeconds) {
        String expression = schedule.expression() == null ? "" : schedule.expression().trim();
        Matcher rate = RATE.matcher(expression);
        if (expression.startsWith("every ")) {
            Optional<String> unknownUnit = unknownUnit(expression);
            if (unknownUnit.isPresent()) {
                return List.of("Function schedule '" + expression + "' has an unknown unit '" + unknownUnit.get()
                        + "'; the units are " + RATE_UNITS);
            }
            if (!rate.matches() || rate.group(1) != null && !isPositiveWholeNumber(rate.group(1))) {
                return List.of("Function schedule rate must be set with a positive whole number");
            }
            if ("m".equals(rate.group(2)) && Integer.parseInt(rate.group(1)) * 60 < timeoutSeconds) {
                return List.of("Function schedule rate must be greater than the function timeout of "
                        + timeoutSeconds + (timeoutSeconds > 1 ? " seconds" : " second"));
            }
            return List.of();
        }
        String[] parts = expression.split("\\s+");
        if (parts.length != 5 && parts.length != 6) {
            return List.of("Function schedule '" + expression + "' is neither a rate (every 5m, every day, ...) nor"
                    + " a cron expression of 5 or 6 fields");
        }
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            if ((i == 2 || i == 4) && "?".equals(parts[i])) {
                continue;
            }
            fieldProblem(FIELDS[i], parts[i], RANGES[i][0], RANGES[i][1]).ifPresent(problems::add);
        }
        if (!"?".equals(parts[2]) && !"?".equals(parts[4])) {
            problems.add("Cron expressions cannot have both day-of-month and day-of-week defined, you must use a ? in"
                    + " one of the fields");
        }
        if (schedule.timezone() == null || !validZone(schedule.timezone())) {
            problems.add("Unknown time zone '" + schedule.timezone() + "'");
        }
        return problems;
    }

    /** A rate's unit when it is not a known one: {@code dya} in {@code every dya}, {@code s} in {@code every 5s}. */
    private static Optional<String> unknownUnit(String expression) {
        Matcher rate = ANY_RATE.matcher(expression);
        return rate.matches() && !UNITS.contains(rate.group(2)) ? Optional.of(rate.group(2)) : Optional.empty();
    }

    /** The scheduler expression of a valid schedule. */
    static ScheduleExpression toExpression(FunctionSchedule schedule) {
        CronOptionsWithTimezone.Builder cron = CronOptionsWithTimezone.builder()
                .timeZone(TimeZone.of(schedule.timezone()));
        Matcher rate = RATE.matcher(schedule.expression().trim());
        if (rate.matches()) {
            String unit = rate.group(2) != null ? rate.group(2) : rate.group(3);
            String value = rate.group(1);
            switch (unit) {
                case "m" -> cron.minute("*/" + value);
                case "h" -> cron.minute("0").hour("*/" + value);
                case "day" -> cron.minute("0").hour("0").day("*");
                case "week" -> cron.minute("0").hour("0").weekDay("1");
                case "month" -> cron.minute("0").hour("0").day("1").month("*");
                default -> cron.minute("0").hour("0").day("1").month("1").year("*");
            }
            return ScheduleExpression.cron(cron.build());
        }
        String[] parts = schedule.expression().trim().split("\\s+");
        cron.minute(parts[0]).hour(parts[1]).month(parts[3]).year(parts.length == 6 ? parts[5] : "*");
        if ("?".equals(parts[2])) {
            cron.weekDay(parts[4]);
        } else {
            cron.day(parts[2]);
        }
        return ScheduleExpression.cron(cron.build());
    }

    private static Optional<String> fieldProblem(String field, String value, int min, int max) {
        String wholeNumber = "Cron field for " + field + " must be a whole number between " + min + " and " + max;
        if ("*".equals(value)) {
            return Optional.empty();
        }
        for (String item : value.split(",", -1)) {
            if (item.contains("/")) {
                String[] step = item.split("/", -1);
                if (step.length != 2 || !isPositiveWholeNumber(step[1])) {
                    return Optional.of("Cron field for " + field + " has an invalid step '" + item
                            + "': the step must be a positive whole number");
                }
                if (!"*".equals(step[0]) && !inRange(step[0], min, max)) {
                    return Optional.of(wholeNumber);
                }
            } else if (item.contains("-")) {
                String[] range = item.split("-", -1);
                if (range.length != 2 || !inRange(range[0], min, max) || !inRange(range[1], min, max)
                        || Integer.parseInt(range[0]) > Integer.parseInt(range[1])) {
                    return Optional.of("Cron field for " + field + " has an invalid range '" + item
                            + "': both ends must be whole numbers between " + min + " and " + max + ", in order");
                }
            } else if (!inRange(item, min, max)) {
                return Optional.of(value.contains(",")
                        ? "Cron field for " + field + " has an invalid list item '" + item + "': each item must be a"
                                + " whole number between " + min + " and " + max
                        : wholeNumber);
            }
        }
        return Optional.empty();
    }

    private static boolean inRange(String value, int min, int max) {
        if (!value.matches("\\d+")) {
            return false;
        }
        int number = Integer.parseInt(value);
        return number >= min && number <= max;
    }

    private static boolean isPositiveWholeNumber(String value) {
        return value.matches("\\d+") && Integer.parseInt(value) > 0;
    }

    private static boolean validZone(String zone) {
        try {
            ZoneId.of(zone);
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }
}
