package dev.gen2.backend;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.constructs.Construct;

/**
 * The root stack of a backend. Like Amplify's, it shortens the logical ids of its nested stacks from
 * {@code authNestedStackauthNestedStackResource179371D7} to {@code auth179371D7}, so templates and
 * {@code cdk diff} read the same as Amplify's.
 */
final class AmplifyRootStack extends Stack {
    private static final Pattern NESTED_STACK_ID = Pattern.compile("^(.+)NestedStack\\1NestedStackResource([0-9A-F]{8})$");

    AmplifyRootStack(Construct scope, String stackName, StackProps props) {
        super(scope, stackName, props);
    }

    @Override
    protected String allocateLogicalId(CfnElement element) {
        String logicalId = super.allocateLogicalId(element);
        Matcher nested = NESTED_STACK_ID.matcher(logicalId);
        return nested.matches() ? nested.group(1) + nested.group(2) : logicalId;
    }
}
