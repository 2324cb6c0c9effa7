package amplify.functions.report;

/** Runs the report handler once and prints its result: how the test runs it from the Lambda package. */
public final class InvokeLocally {

    private InvokeLocally() {
    }

    public static void main(String[] args) {
        System.out.println(new ReportHandler().handleRequest(java.util.Map.of(), null));
    }
}
