package dev.gen2.backend.auth;

import java.util.List;

/**
 * What a function may do with the user pool: Amplify's auth {@code access} actions, each with the Cognito IAM
 * actions it grants on the pool.
 */
public enum AuthAction {
    MANAGE_USERS("AdminConfirmSignUp", "AdminCreateUser", "AdminDeleteUser", "AdminDeleteUserAttributes",
            "AdminDisableUser", "AdminEnableUser", "AdminGetUser", "AdminListGroupsForUser",
            "AdminRespondToAuthChallenge", "AdminSetUserMFAPreference", "AdminSetUserSettings",
            "AdminUpdateUserAttributes", "AdminUserGlobalSignOut"),
    MANAGE_GROUP_MEMBERSHIP("AdminAddUserToGroup", "AdminRemoveUserFromGroup"),
    MANAGE_GROUPS("GetGroup", "ListGroups", "CreateGroup", "DeleteGroup", "UpdateGroup"),
    MANAGE_USER_DEVICES("AdminForgetDevice", "AdminGetDevice", "AdminListDevices", "AdminUpdateDeviceStatus"),
    MANAGE_PASSWORD_RECOVERY("AdminResetUserPassword", "AdminSetUserPassword"),
    ADD_USER_TO_GROUP("AdminAddUserToGroup"),
    CREATE_GROUP("CreateGroup"),
    CREATE_USER("AdminCreateUser"),
    DELETE_GROUP("DeleteGroup"),
    DELETE_USER("AdminDeleteUser"),
    DELETE_USER_ATTRIBUTES("AdminDeleteUserAttributes"),
    DISABLE_USER("AdminDisableUser"),
    ENABLE_USER("AdminEnableUser"),
    FORGET_DEVICE("AdminForgetDevice"),
    GET_DEVICE("AdminGetDevice"),
    GET_GROUP("GetGroup"),
    GET_USER("AdminGetUser"),
    LIST_USERS("ListUsers"),
    LIST_USERS_IN_GROUP("ListUsersInGroup"),
    LIST_GROUPS("ListGroups"),
    LIST_DEVICES("AdminListDevices"),
    LIST_GROUPS_FOR_USER("AdminListGroupsForUser"),
    REMOVE_USER_FROM_GROUP("AdminRemoveUserFromGroup"),
    RESET_USER_PASSWORD("AdminResetUserPassword"),
    SET_USER_MFA_PREFERENCE("AdminSetUserMFAPreference"),
    SET_USER_PASSWORD("AdminSetUserPassword"),
    SET_USER_SETTINGS("AdminSetUserSettings"),
    UPDATE_DEVICE_STATUS("AdminUpdateDeviceStatus"),
    UPDATE_GROUP("UpdateGroup"),
    UPDATE_USER_ATTRIBUTES("AdminUpdateUserAttributes");

    private final List<String> iamActions;

    AuthAction(String... cognitoActions) {
        this.iamActions = List.of(cognitoActions).stream().map(action -> "cognito-idp:" + action).toList();
    }

    /** The IAM actions this grants, such as {@code cognito-idp:AdminCreateUser}. */
    public List<String> iamActions() {
        return iamActions;
    }
}
