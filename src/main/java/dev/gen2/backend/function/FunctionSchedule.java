package dev.gen2.backend.function;

/**
 * When a function runs by itself: Amplify's {@code schedule}. The expression is a rate ({@code every 5m},
 * {@code every 2h}, {@code every day}, {@code every week}, {@code every month}, {@code every year}) or a cron
 * expression of 5 or 6 fields ({@code minute hour day-of-month month day-of-week [year]}, with {@code ?} in one of
 * the day fields), in a time zone.
 *
 * @param expression the rate or cron expression
 * @param timezone an IANA time zone, such as {@code Europe/Paris} (Amplify's default: UTC)
 */
public record FunctionSchedule(String expression, String timezone) {

    public static FunctionSchedule of(String expression) {
        return new FunctionSchedule(expression, "UTC");
    }

    public FunctionSchedule inTimezone(String zone) {
        return new FunctionSchedule(expression, zone);
    }
}
