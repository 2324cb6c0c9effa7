"""moto's CloudFormation, corrected where the real CDK CLI's deploys of this project's backends need it.

Each patch below names the moto 5.2 behaviour it corrects. apply() installs them all; it must run in the server's
process before moto.server starts. What is still not emulated: rollback of an update (a failed update leaves the
resources it already changed as they are; the stack ends UPDATE_ROLLBACK_COMPLETE with the reason), nested change
sets, per-resource events other than failures.
"""
import logging
import re
from urllib.parse import urlparse

from moto.cloudformation import models as cfn_models
from moto.cloudformation import parsing
from moto.cloudformation import responses as cfn_responses
from moto.cloudformation import utils as cfn_utils
from moto.cloudformation.exceptions import AlreadyExistsException, CloudFormationError, ValidationError
from moto.cloudformation.models import ChangeSet, CloudFormationBackend, Event, Stack
from moto.cloudformation.parsing import ResourceMap
from moto.cloudformation.responses import CloudFormationResponse
from moto.core.responses import ActionResult, EmptyResult
from moto.utilities.utils import get_partition

logger = logging.getLogger("gen2.localaws")

NESTED_STACK = "AWS::CloudFormation::Stack"
MAX_PASSES = 5


class ChangeSetNotFoundException(CloudFormationError):
    """AWS answers a change set that does not exist with this error (HTTP 404); moto raised KeyError (HTTP 500)."""
    code = "ChangeSetNotFoundException"


class InvalidChangeSetStatusException(CloudFormationError):
    """AWS refuses to execute a change set that is not AVAILABLE."""
    code = "InvalidChangeSetStatus"


class ResourceFailed(Exception):
    """A resource that could not be created, updated or deleted: carries what CloudFormation shows in its events."""

    def __init__(self, logical_id, resource_type, reason):
        super().__init__(reason)
        self.logical_id = logical_id
        self.resource_type = resource_type
        self.reason = reason


def _as_failure(error, stack):
    """Any exception raised while working on a stack, as the ResourceFailed its events should show."""
    if isinstance(error, ResourceFailed):
        return error
    message = getattr(error, "message", None) or str(error) or type(error).__name__
    return ResourceFailed(stack.name, NESTED_STACK, message)


def _add_event(stack, logical_id, resource_type, status, reason=None, physical_id=""):
    """Records one stack event (moto only ever records the stack's own events)."""
    stack.events.append(Event(
        stack_id=stack.stack_id, stack_name=stack.name, logical_resource_id=logical_id,
        physical_resource_id=physical_id, resource_type=resource_type, resource_status=status,
        resource_status_reason=reason, resource_properties=None))


def _fail_stack(stack, failure, operation):
    """Puts a stack whose CREATE/UPDATE/DELETE failed into the state AWS leaves it in, with the failing resource's
    reason in its events and in StackStatusReason (moto let the exception escape as HTTP 500 and left the stack
    CREATE_IN_PROGRESS)."""
    _add_event(stack, failure.logical_id, failure.resource_type, f"{operation}_FAILED", failure.reason)
    summary = f"The following resource(s) failed to {operation.lower()}: [{failure.logical_id}]. {failure.reason}"
    stack.status_reason = summary
    if operation == "DELETE":
        stack.status = "DELETE_FAILED"
        stack._add_stack_event("DELETE_FAILED", resource_status_reason=summary)
        return
    rollback = "ROLLBACK" if operation == "CREATE" else "UPDATE_ROLLBACK"
    stack._add_stack_event(f"{rollback}_IN_PROGRESS", resource_status_reason=summary)
    if operation == "CREATE":
        try:
            stack.resource_map.delete()
        except Exception as error:  # noqa: BLE001 - a rollback that cannot finish still ends the stack
            logger.warning("rollback of %s left resources behind: %s", stack.name, error)
    stack.status = f"{rollback}_COMPLETE"
    stack._add_stack_event(f"{rollback}_COMPLETE")


# --- resources: failures carry the resource that failed ---------------------------------------------------------

def _patch_resource_failures():
    """moto raised whatever a resource's model raised, with no word of which resource it was. AWS reports the
    logical id, type and reason of the resource that failed."""
    original = parsing.parse_and_create_resource

    def parse_and_create_resource(logical_id, resource_json, resources_map, account_id, region_name):
        try:
            return original(logical_id, resource_json, resources_map, account_id, region_name)
        except ResourceFailed:
            raise
        except Exception as error:  # noqa: BLE001 - every failure of a resource fails its stack
            message = getattr(error, "message", None) or str(error) or type(error).__name__
            raise ResourceFailed(logical_id, resource_json.get("Type", "?"), message) from error

    parsing.parse_and_create_resource = parse_and_create_resource


def _patch_depends_on_first():
    """moto orders a template's resources by DependsOn, but creates a resource early when another one refers to it
    (Ref, Fn::GetAtt), and then without its DependsOn: a user pool's provider that reads a secret (GetAtt on the secret
    fetcher) ran the fetcher's function before its role's policy existed, so IAM refused its SSM call. CloudFormation
    creates every DependsOn first, however a resource is reached."""
    original = parsing.parse_and_create_resource

    def parse_and_create_resource(logical_id, resource_json, resources_map, account_id, region_name):
        depends_on = resource_json.get("DependsOn") or []
        for dependency in [depends_on] if isinstance(depends_on, str) else depends_on:
            if dependency in resources_map._resource_json_map:
                resources_map[dependency]  # reading a resource of the map creates it
        return original(logical_id, resource_json, resources_map, account_id, region_name)

    parsing.parse_and_create_resource = parse_and_create_resource


def _patch_update_keeps_resources():
    """moto's parse_and_update_resource returned None for a type without an update method (DynamoDB tables,
    Lambda permissions, log groups, ...), and the caller stored that None: the resource silently left the stack and
    was never deleted. Here such a resource is kept as it is (the change is not applied, as on a real update that
    only touches properties moto does not model)."""
    original = parsing.parse_and_update_resource

    def parse_and_update_resource(logical_id, resource_json, resources_map, account_id, region_name):
        old = resources_map._parsed_resources.get(logical_id)
        try:
            new = original(logical_id, resource_json, resources_map, account_id, region_name)
        except ResourceFailed:
            raise
        except Exception as error:  # noqa: BLE001
            message = getattr(error, "message", None) or str(error) or type(error).__name__
            raise ResourceFailed(logical_id, resource_json.get("Type", "?"), message) from error
        return new if new is not None else old

    parsing.parse_and_update_resource = parse_and_update_resource


def _retry_passes(names, action):
    """Runs action(name) for each name, in passes, until all succeed or a pass makes no progress (resources that
    depend on one another succeed in a later pass). Raises the last failure."""
    pending = list(names)
    last_error = None
    for _ in range(MAX_PASSES):
        if not pending:
            return
        progressed = False
        for name in list(pending):
            try:
                action(name)
            except Exception as error:  # noqa: BLE001 - retried in the next pass
                last_error = error
            else:
                pending.remove(name)
                progressed = True
        if not progressed:
            break
    if pending:
        raise last_error


def _references(value):
    """The logical ids a piece of template refers to: Ref, Fn::GetAtt (list or "Id.Attr") and Fn::Sub's ${Id}."""
    found = set()
    if isinstance(value, dict):
        for key, inner in value.items():
            if key == "Ref" and isinstance(inner, str):
                found.add(inner)
            elif key == "Fn::GetAtt":
                found.add(inner[0] if isinstance(inner, list) else str(inner).split(".")[0])
            elif key == "Fn::Sub":
                text = inner[0] if isinstance(inner, list) else inner
                found.update(name.split(".")[0] for name in re.findall(r"\$\{([^}!]+)}", str(text)))
                if isinstance(inner, list) and len(inner) > 1:
                    found.update(_references(inner[1]))
            else:
                found.update(_references(inner))
    elif isinstance(value, list):
        for inner in value:
            found.update(_references(inner))
    return found


def _add_dependents(modified, new_resources, old_json_map):
    """CloudFormation updates a resource whose template is unchanged when a value it reads (a Ref or GetAtt of a
    resource being updated) changes, for example an identity provider reading a secret fetcher's result. moto
    compared template text only and left such a resource with the old value. Dependents are appended after what
    they depend on, transitively."""
    index = 0
    while index < len(modified):
        changed = modified[index]
        for name, resource_json in new_resources.items():
            if name in old_json_map and name not in modified and changed in _references(
                    resource_json.get("Properties")):
                modified.append(name)
        index += 1


def _resource_map_update(self, template, parameters=None):
    """Updates a stack's resources the way CloudFormation does: new resources first, then modified ones (nested
    stacks always get the chance to update, since a change of their own template or of a value passed to them
    does not show in the parent's resource JSON), and only at the end ("cleanup") the removed ones, keeping those
    whose DeletionPolicy is Retain.

    moto removed first, stored None for a type it cannot update (the resource vanished from the stack), deleted
    Retain resources removed from the template, and never updated a nested stack whose parameters changed."""
    diff = self.build_resource_diff(template, parameters)
    new_resources = template["Resources"]
    old_json_map = self._resource_json_map
    modified = list(diff["Modify"])
    for name, resource_json in new_resources.items():
        if resource_json.get("Type") == NESTED_STACK and name in old_json_map and name not in modified:
            modified.append(name)
    _add_dependents(modified, new_resources, old_json_map)

    self._template = template
    if parameters is not None:
        self.input_parameters = parameters
    self.load_mapping()
    self.load_parameters()
    self.load_conditions()
    self._resource_json_map = new_resources

    for name in diff["Add"]:
        _ = self[name]

    def update_one(name):
        if self._parsed_resources.get(name) is None:
            _ = self[name]  # never created (e.g. a condition was false): create it now
            return
        updated = parsing.parse_and_update_resource(
            name, new_resources[name], self, account_id=self._account_id, region_name=self._region_name)
        if updated is not None:
            self._parsed_resources[name] = updated

    _retry_passes(modified, update_one)

    def remove_one(name):
        resource_json = old_json_map[name]
        resource = self._parsed_resources.get(name)
        if resource_json.get("DeletionPolicy") != "Retain" and resource is not None and not isinstance(resource, str):
            try:
                self._delete_resource(resource, resource_json)
            except Exception as error:  # noqa: BLE001
                raise ResourceFailed(name, resource_json.get("Type", "?"), str(error)) from error
        self._parsed_resources.pop(name, None)

    _retry_passes(diff["Remove"], remove_one)


def _resource_map_delete(self):
    """Deletes a stack's resources, skipping those with DeletionPolicy Retain, in passes so that a resource another
    one still needs (a bucket its auto-delete custom resource must first empty) goes in a later pass. Like moto's,
    but the failure names the resource that could not be deleted."""
    names = [name for name, value in self._resource_json_map.items() if value.get("DeletionPolicy") != "Retain"]

    def delete_one(name):
        resource = self._parsed_resources.get(name)
        if resource is None or isinstance(resource, str):
            return
        resource_json = self._resource_json_map[name]
        try:
            self._delete_resource(resource, resource_json)
        except ResourceFailed:
            raise
        except Exception as error:  # noqa: BLE001
            message = getattr(error, "message", None) or str(error) or type(error).__name__
            raise ResourceFailed(name, resource_json.get("Type", "?"), message) from error
        self._parsed_resources.pop(name, None)

    _retry_passes(names, delete_one)


# --- nested stacks -------------------------------------------------------------------------------------------------

def _stack_get_cfn_attribute(self, attribute_name):
    """Fn::GetAtt [NestedStack, Outputs.X]: the nested stack's output X. moto's Stack had no get_cfn_attribute at all
    (AttributeError, HTTP 500)."""
    if attribute_name.startswith("Outputs."):
        key = attribute_name[len("Outputs."):]
        if key in (self.output_map.outputs or []):
            output = self.output_map[key]
            if output is not None:
                return output.value
        raise ValidationError(message=f"Output '{key}' not found in stack '{self.stack_id}'")
    raise ValidationError(message=f"Template error: stack {self.name} does not support attribute type {attribute_name}")


def _stack_physical_resource_id(self):
    """A nested stack's physical id is its ARN (moto: its name). CDK's hotswap derives the nested stack's name from
    that ARN, and asked for a name one character short."""
    return self.stack_id


def _read_template_url(template_url, account_id, region_name):
    return cfn_utils.get_stack_from_s3_url(template_url, account_id=account_id, partition=get_partition(region_name))


def _nested_create(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
    """Creates a nested stack; if its resources fail, it is rolled back and deleted, and its parent fails with
    AWS's "Embedded stack ... was not successfully created" reason."""
    backend = cfn_models.cloudformation_backends[account_id][region_name]
    properties = cloudformation_json["Properties"]
    template = _read_template_url(properties["TemplateURL"], account_id, region_name)
    parent = backend.get_stack(kwargs["StackId"]) if kwargs.get("StackId") else None
    stack = backend.create_stack(
        name=resource_name, template=template, parameters=properties.get("Parameters", {}),
        tags=dict(parent.tags) if parent else None)
    stack.parent_id = parent.stack_id if parent else None
    stack.root_id = (getattr(parent, "root_id", None) or parent.stack_id) if parent else None
    if stack.status != "CREATE_COMPLETE":
        reason = f"Embedded stack {stack.stack_id} was not successfully created: {stack.status_reason}"
        _delete_stack(backend, stack)
        raise ResourceFailed(kwargs.get("LogicalId", resource_name), NESTED_STACK, reason)
    return stack


def _nested_update(cls, original_resource, new_resource_name, cloudformation_json, account_id, region_name):
    """Updates a nested stack in place, as AWS does. moto deleted it and created a new one: new physical ids
    everywhere, a new Cognito user pool, its users lost."""
    stack = original_resource
    properties = cloudformation_json["Properties"]
    template = _read_template_url(properties["TemplateURL"], account_id, region_name)
    parameters = properties.get("Parameters", {})
    if stack.has_template(template) and stack.parameters == parameters:
        return stack
    try:
        stack.update(template, parameters=parameters)
    except Exception as error:  # noqa: BLE001
        reason = f"Embedded stack {stack.stack_id} was not successfully updated: {_as_failure(error, stack).reason}"
        raise ResourceFailed(getattr(stack, "logical_resource_id", stack.name), NESTED_STACK, reason) from error
    return stack


def _nested_delete(cls, resource_name, cloudformation_json, account_id, region_name):
    """Deletes a nested stack (by its ARN, now its physical id); its failure fails the parent's deletion."""
    backend = cfn_models.cloudformation_backends[account_id][region_name]
    stack = backend.stacks.get(resource_name) or next(
        (s for s in backend.stacks.values() if s.name == resource_name), None)
    if stack is not None and not _delete_stack(backend, stack):
        raise ValidationError(message=f"Embedded stack {stack.stack_id} was not successfully deleted: "
                                      f"{stack.status_reason}")


_original_stack_update = Stack.update


def _stack_update(self, template, role_arn=None, parameters=None, tags=None):
    """moto's update, but a failure leaves the stack UPDATE_ROLLBACK_COMPLETE with the failing resource's reason
    (moto: HTTP 500, stack stuck UPDATE_IN_PROGRESS). The failure is raised again for the caller: a parent stack
    fails with it, an API call answers normally and the CLI reads the status."""
    try:
        _original_stack_update(self, template, role_arn=role_arn, parameters=parameters, tags=tags)
        _require_outputs(self)
        self.status_reason = None
    except Exception as error:  # noqa: BLE001
        failure = _as_failure(error, self)
        _fail_stack(self, failure, "UPDATE")
        raise failure from error


_original_stack_outputs = Stack.outputs.fget
STATUSES_WITH_OUTPUTS = ("CREATE_COMPLETE", "UPDATE_COMPLETE", "UPDATE_ROLLBACK_COMPLETE", "IMPORT_COMPLETE")


def _require_outputs(stack):
    """Computes every output once the resources are in place: on AWS an output whose value cannot be resolved
    (an attribute the resource does not have, say) fails the stack, where moto left it out and let the stack
    complete without it."""
    try:
        _original_stack_outputs(stack)  # resolves every output's value
    except Exception as error:  # noqa: BLE001 - any failure to resolve an output fails the stack
        message = getattr(error, "message", None) or str(error) or type(error).__name__
        raise ResourceFailed(stack.name, NESTED_STACK, f"Template error: an output cannot be resolved: {message}") \
            from error


def _stack_outputs(self):
    """A stack's outputs only when it has some on AWS (created or updated). moto computed them whatever the status,
    and since its resource map creates a missing resource on first access, describing a rolled-back or deleted
    stack created the resources its outputs referenced again (or failed with HTTP 500)."""
    if self.status not in STATUSES_WITH_OUTPUTS:
        return None
    try:
        return _original_stack_outputs(self)
    except Exception as error:  # noqa: BLE001 - checked when the stack completed (_require_outputs)
        logger.warning("outputs of %s not computed: %s", self.name, error)
        return None


# --- stacks: create, update and delete through the backend ---------------------------------------------------------

def _live_stack(backend, name_or_id):
    """The stack (not deleted) with this name or ARN, or None."""
    if name_or_id in backend.stacks:
        return backend.stacks[name_or_id]
    return next((s for s in backend.stacks.values() if s.name == name_or_id), None)


def _create_resources(backend, stack):
    """Creates a stack's resources; on failure the stack is rolled back (ROLLBACK_COMPLETE) with the reason."""
    try:
        stack.create_resources()
        _require_outputs(stack)
        stack.status_reason = None
    except Exception as error:  # noqa: BLE001
        _fail_stack(stack, _as_failure(error, stack), "CREATE")


def _backend_create_stack(self, name, template, parameters, notification_arns=None, tags=None, role_arn=None,
                          enable_termination_protection=False, timeout_in_mins=None, stack_policy_body=None):
    """CreateStack (and a nested stack's creation): a resource failure rolls the stack back instead of escaping as
    HTTP 500 with the stack left CREATE_IN_PROGRESS."""
    existing = _live_stack(self, name)
    if existing is not None:
        raise AlreadyExistsException(f"Stack [{name}] already exists")
    stack = Stack(
        stack_id=cfn_utils.generate_stack_id(name, self.region_name, self.account_id), name=name,
        template=template, parameters=parameters, account_id=self.account_id, region_name=self.region_name,
        notification_arns=notification_arns, tags=tags, role_arn=role_arn, cross_stack_resources=self.exports,
        enable_termination_protection=enable_termination_protection, timeout_in_mins=timeout_in_mins,
        stack_policy_body=stack_policy_body)
    self.stacks[stack.stack_id] = stack
    self._validate_export_uniqueness(stack)
    stack._add_stack_event("CREATE_IN_PROGRESS", resource_status_reason="User Initiated")
    _create_resources(self, stack)
    _register_exports(self, stack)
    return stack


def _register_exports(backend, stack):
    if stack.status.endswith("_COMPLETE") and "ROLLBACK" not in stack.status:
        try:
            for export in stack.exports:
                backend.exports[export.name] = export
        except Exception as error:  # noqa: BLE001
            logger.warning("exports of %s not registered: %s", stack.name, error)


def _backend_update_stack(self, name, template, role_arn, parameters, tags):
    """UpdateStack: a failure leaves the stack UPDATE_ROLLBACK_COMPLETE (see _stack_update) and the call answers
    normally, as on AWS."""
    stack = self.get_stack(name)
    resolved = self._resolve_update_parameters(instance=stack, incoming_params=parameters)
    try:
        stack.update(template, role_arn, parameters=resolved, tags=tags)
    except ResourceFailed:
        pass
    _register_exports(self, stack)
    return stack


def _resolve_update_parameters(self, instance, incoming_params):
    """UsePreviousValue: the value the stack was given before; a parameter that was left to its default keeps its
    default. moto looked it up in the inputs (KeyError when the default had been used) or in the resolved values,
    which for an SSM-typed parameter such as CDK's BootstrapVersion is the parameter's value, not its name
    ('NoneType' object has no attribute 'value' on the second deploy)."""
    resolved = {}
    for parameter in incoming_params:
        key = parameter["ParameterKey"]
        if parameter.get("UsePreviousValue"):
            if key in instance.parameters:
                resolved[key] = instance.parameters[key]
        elif "ParameterValue" in parameter:
            resolved[key] = parameter["ParameterValue"]
    return resolved


def _delete_stack(backend, stack):
    """Deletes one stack's resources; True when done. On failure the stack stays, DELETE_FAILED, with the reason
    (moto: HTTP 500 and a stack in limbo)."""
    stack._add_stack_event("DELETE_IN_PROGRESS", resource_status_reason="User Initiated")
    try:
        stack.resource_map.delete()
    except Exception as error:  # noqa: BLE001
        _fail_stack(stack, _as_failure(error, stack), "DELETE")
        return False
    stack._add_stack_event("DELETE_COMPLETE")
    stack.status = "DELETE_COMPLETE"
    stack.status_reason = None
    backend.stacks.pop(stack.stack_id, None)
    backend.deleted_stacks[stack.stack_id] = stack
    for export in list(backend.exports.values()):
        if export.exporting_stack_id == stack.stack_id:
            backend.exports.pop(export.name, None)
    for change_set_id in [cid for cid, cs in backend.change_sets.items() if cs.stack_id == stack.stack_id]:
        backend.change_sets.pop(change_set_id)
    return True


def _backend_delete_stack(self, name_or_stack_id):
    """DeleteStack: deleting a stack that does not exist succeeds; a failure shows as DELETE_FAILED."""
    stack = _live_stack(self, name_or_stack_id)
    if stack is not None:
        _delete_stack(self, stack)


# --- change sets ---------------------------------------------------------------------------------------------------

def _find_change_set(backend, name_or_arn, stack_name=None):
    """The change set with this ARN, or with this name on this stack. moto matched the name across all stacks (the
    CDK CLI names every change set cdk-deploy-change-set) and raised KeyError for a missing one."""
    if name_or_arn in backend.change_sets:
        return backend.change_sets[name_or_arn]
    stack = _live_stack(backend, stack_name) if stack_name else None
    for change_set in backend.change_sets.values():
        if change_set.change_set_name != name_or_arn:
            continue
        if stack_name is None or (stack is not None and change_set.stack_id == stack.stack_id):
            return change_set
    raise ChangeSetNotFoundException(f"ChangeSet [{name_or_arn}] does not exist")


def _backend_create_change_set(self, stack_name, change_set_name, template, parameters, description,
                               change_set_type, notification_arns=None, tags=None, role_arn=None):
    """CreateChangeSet, with AWS's checks: a CREATE change set needs a stack that does not exist yet (or is still
    REVIEW_IN_PROGRESS from an earlier one), an UPDATE one a stack that does; names are unique per stack."""
    cfn_utils.validate_create_change_set(change_set_name)
    stack = _live_stack(self, stack_name)
    if change_set_type == "UPDATE":
        if stack is None:
            raise ValidationError(stack_name)
        if stack.status == "REVIEW_IN_PROGRESS":
            raise ValidationError(message=f"Stack [{stack_name}] does not exist. Use ChangeSetType CREATE.")
    elif stack is not None and stack.status != "REVIEW_IN_PROGRESS":
        raise AlreadyExistsException(
            f"Stack [{stack_name}] already exists and cannot be created again with the changeSet [{change_set_name}].")
    if stack is None:
        stack = Stack(
            stack_id=cfn_utils.generate_stack_id(stack_name, self.region_name, self.account_id), name=stack_name,
            template={}, parameters={}, account_id=self.account_id, region_name=self.region_name,
            notification_arns=notification_arns, tags=tags, role_arn=role_arn)
        self.stacks[stack.stack_id] = stack
        stack.status = "REVIEW_IN_PROGRESS"
        stack._add_stack_event("REVIEW_IN_PROGRESS", resource_status_reason="User Initiated")
    if any(cs.stack_id == stack.stack_id and cs.change_set_name == change_set_name
           for cs in self.change_sets.values()):
        raise AlreadyExistsException(f"ChangeSet [{change_set_name}] already exists")
    change_set = ChangeSet(
        change_set_type=change_set_type,
        change_set_id=cfn_utils.generate_changeset_id(change_set_name, self.region_name, self.account_id),
        change_set_name=change_set_name, stack=stack, template=template, parameters=parameters,
        description=description, notification_arns=notification_arns, tags=tags or None, role_arn=role_arn)
    if change_set_type == "UPDATE" and stack.has_template(template) and stack.parameters == parameters \
            and (not tags or tags == stack.tags):
        change_set.status = "FAILED"
        change_set.execution_status = "UNAVAILABLE"
        change_set.status_reason = ("The submitted information didn't contain changes. "
                                    "Submit different information to create a change set.")
    else:
        change_set.status = "CREATE_COMPLETE"
        change_set.execution_status = "AVAILABLE"
    self.change_sets[change_set.change_set_id] = change_set
    return change_set.change_set_id, stack.stack_id


def _backend_describe_change_set(self, change_set_name, stack_name=None):
    return _find_change_set(self, change_set_name, stack_name)


def _backend_delete_change_set(self, change_set_name, stack_name=None):
    """DeleteChangeSet of a change set that does not exist succeeds on AWS, and the CDK CLI relies on it: it deletes
    "cdk-deploy-change-set" before creating one. moto raised KeyError (HTTP 500, retried by the CLI for ~50 s)."""
    try:
        change_set = _find_change_set(self, change_set_name, stack_name)
    except ChangeSetNotFoundException:
        return
    self.change_sets.pop(change_set.change_set_id, None)


def _execute_create(backend, stack, change_set):
    """A CREATE change set: the stack gets its template, parameters and tags, and its resources are created exactly
    as CreateStack creates them. moto applied it as an update of an empty stack, which never computed the outputs
    (DescribeStacks showed none) and ignored DependsOn."""
    stack.template = change_set.template
    stack.parameters = change_set.parameters or {}
    if change_set.tags:
        stack.tags = change_set.tags
    stack.role_arn = change_set.role_arn
    stack.cross_stack_resources = backend.exports
    stack._add_stack_event("CREATE_IN_PROGRESS", resource_status_reason="User Initiated")
    try:
        stack._parse_template()
        stack.description = stack.template_dict.get("Description")
        stack.resource_map = stack._create_resource_map()
        stack.output_map = stack._create_output_map()
    except Exception as error:  # noqa: BLE001
        _fail_stack(stack, _as_failure(error, stack), "CREATE")
        return
    _create_resources(backend, stack)
    _register_exports(backend, stack)


def _backend_execute_change_set(self, change_set_name, stack_name=None):
    """ExecuteChangeSet: create or update through the same code as CreateStack/UpdateStack (so outputs are those of
    the new template: moto kept the old ones or none), failures as stack states, and then the stack's change sets
    are gone, as on AWS."""
    change_set = _find_change_set(self, change_set_name, stack_name)
    if change_set.execution_status != "AVAILABLE":
        raise InvalidChangeSetStatusException(
            f"ChangeSet [{change_set.change_set_id}] cannot be executed in its current status of "
            f"[{change_set.status}]")
    stack = self.stacks[change_set.stack_id]
    change_set.execution_status = "EXECUTE_IN_PROGRESS"
    if change_set.change_set_type == "CREATE":
        _execute_create(self, stack, change_set)
    else:
        try:
            stack.update(change_set.template, change_set.role_arn, parameters=change_set.parameters,
                         tags=change_set.tags)
        except ResourceFailed:
            pass
        _register_exports(self, stack)
    change_set.execution_status = "EXECUTE_COMPLETE"
    for change_set_id in [cid for cid, cs in self.change_sets.items() if cs.stack_id == stack.stack_id]:
        self.change_sets.pop(change_set_id)


def _backend_list_change_sets(self, stack_name=None):
    stack = _live_stack(self, stack_name) if stack_name else None
    return [cs for cs in self.change_sets.values() if stack is None or cs.stack_id == stack.stack_id]


# --- API responses ---------------------------------------------------------------------------------------------------

def _response_create_change_set(self):
    """CreateChangeSet. Differences from moto: UsePreviousValue takes the previous input (see
    _resolve_update_parameters); no "No updates are to be performed" error (AWS makes a FAILED change set instead,
    which the CDK CLI expects); the template may be read from a URL on any host."""
    stack_name = self._get_param("StackName")
    change_set_type = self._get_param("ChangeSetType", "CREATE")
    template = self._get_param("TemplateBody")
    template_url = self._get_param("TemplateURL")
    backend = self.cloudformation_backend
    stack = _live_stack(backend, stack_name)
    if self._get_bool_param("UsePreviousTemplate", False):
        if stack is None:
            raise ValidationError(stack_name)
        template = stack.template
    elif template_url:
        template = self._get_stack_from_s3_url(template_url)
    if not template:
        raise ValidationError(message="Either Template URL or Template Body must be specified.")
    incoming = self._get_param("Parameters", [])
    if stack is not None and change_set_type == "UPDATE":
        parameters = backend._resolve_update_parameters(instance=stack, incoming_params=incoming)
    else:
        parameters = {p["ParameterKey"]: p.get("ParameterValue") for p in incoming if "ParameterValue" in p}
    tags = {item["Key"]: item["Value"] for item in self._get_param("Tags", [])}
    change_set_id, stack_id = backend.create_change_set(
        stack_name=stack_name, change_set_name=self._get_param("ChangeSetName"), template=template,
        parameters=parameters, description=self._get_param("Description"),
        notification_arns=self._get_param("NotificationARNs", []), tags=tags,
        role_arn=self._get_param("RoleARN"), change_set_type=change_set_type)
    return ActionResult({"Id": change_set_id, "StackId": stack_id})


def _response_describe_change_set(self):
    change_set = self.cloudformation_backend.describe_change_set(
        self._get_param("ChangeSetName"), self._get_param("StackName"))
    return ActionResult(change_set)


def _response_delete_change_set(self):
    self.cloudformation_backend.delete_change_set(self._get_param("ChangeSetName"), self._get_param("StackName"))
    return EmptyResult()


def _response_execute_change_set(self):
    self.cloudformation_backend.execute_change_set(self._get_param("ChangeSetName"), self._get_param("StackName"))
    return EmptyResult()


def _response_list_change_sets(self):
    return ActionResult({"Summaries": self.cloudformation_backend.list_change_sets(self._get_param("StackName"))})


def _response_list_stack_resources(self):
    """ListStackResources with each resource's real type and status. moto reported the type it found in an attribute
    that nested stacks and some models lack."""
    stack = self.cloudformation_backend.get_stack(self._get_param("StackName"))
    summaries = []
    for logical_id, resource in stack.resource_map._parsed_resources.items():
        if logical_id not in stack.resource_map._resource_json_map or resource is None or isinstance(resource, str):
            continue
        summaries.append({
            "ResourceStatus": "CREATE_COMPLETE" if stack.status.startswith("CREATE") else "UPDATE_COMPLETE",
            "LogicalResourceId": logical_id,
            "LastUpdateTimestamp": "2011-06-21T20:15:58Z",
            "PhysicalResourceId": getattr(resource, "physical_resource_id", ""),
            "ResourceType": stack.resource_map._resource_json_map[logical_id]["Type"],
        })
    return ActionResult({"StackResourceSummaries": summaries})


def _get_stack_from_s3_url(template_url, account_id, partition):
    """Reads a template from a path-style S3 URL on any host. moto took the first label of a host that is neither
    localhost nor amazonaws.com for the bucket ("127" for http://127.0.0.1:PORT/bucket/key)."""
    from moto.s3.models import s3_backends
    parts = urlparse(template_url)
    host = parts.hostname or ""
    path_style = host in ("localhost", "127.0.0.1") or host.replace(".", "").isdigit() or (
        host.startswith("s3") and host.endswith("amazonaws.com"))
    if path_style:
        bucket_name, key_name = parts.path.lstrip("/").split("/", 1)
    else:
        bucket_name, key_name = host.split(".")[0], parts.path.lstrip("/")
    key = s3_backends[account_id][partition].get_object(bucket_name, key_name)
    return key.value.decode("utf-8")


# Name limits AWS enforces on names CloudFormation generates (moto generated names of any length).
NAME_LIMITS = {
    "AWS::CloudFormation::Stack": 128, "AWS::Lambda::Function": 64, "AWS::IAM::Role": 64,
    "AWS::IAM::ManagedPolicy": 128, "AWS::Scheduler::Schedule": 64, "AWS::Events::Rule": 64,
    "AWS::SQS::Queue": 80, "AWS::StepFunctions::StateMachine": 80,
}


def _patch_generated_names():
    """moto named a resource "<stack>-<logical id>-<suffix>" whatever its length: a nested stack's function got a
    130-character name that AWS would refuse (64 at most). As CloudFormation does, the stack name and logical id are
    shortened so that the name fits, keeping the random suffix."""
    original = parsing.generate_resource_name

    def generate_resource_name(resource_type, stack_name, logical_id):
        name = original(resource_type, stack_name, logical_id)
        limit = NAME_LIMITS.get(resource_type)
        if limit is None or len(name) <= limit:
            return name
        suffix = name.rsplit("-", 1)[-1]
        room = limit - len(suffix) - 2
        stack_part = stack_name[: max(room // 2, room - len(logical_id))].rstrip("-")
        logical_part = logical_id[: room - len(stack_part)]
        return f"{stack_part}-{logical_part}-{suffix}"

    parsing.generate_resource_name = generate_resource_name


def apply():
    """Installs every CloudFormation fix in moto's classes (idempotent enough to call once per process)."""
    _patch_resource_failures()
    _patch_depends_on_first()
    _patch_update_keeps_resources()
    _patch_generated_names()
    ResourceMap.update = _resource_map_update
    ResourceMap.delete = _resource_map_delete

    Stack.get_cfn_attribute = _stack_get_cfn_attribute
    Stack.physical_resource_id = property(_stack_physical_resource_id)
    Stack.create_from_cloudformation_json = classmethod(_nested_create)
    Stack.update_from_cloudformation_json = classmethod(_nested_update)
    Stack.delete_from_cloudformation_json = classmethod(_nested_delete)
    Stack.update = _stack_update
    Stack.outputs = property(_stack_outputs)
    Stack.status_reason = None
    Stack.parent_id = None
    Stack.root_id = None

    CloudFormationBackend.create_stack = _backend_create_stack
    CloudFormationBackend.update_stack = _backend_update_stack
    CloudFormationBackend._resolve_update_parameters = _resolve_update_parameters
    CloudFormationBackend.delete_stack = _backend_delete_stack
    CloudFormationBackend.create_change_set = _backend_create_change_set
    CloudFormationBackend.describe_change_set = _backend_describe_change_set
    CloudFormationBackend.delete_change_set = _backend_delete_change_set
    CloudFormationBackend.execute_change_set = _backend_execute_change_set
    CloudFormationBackend.list_change_sets = _backend_list_change_sets

    CloudFormationResponse.create_change_set = _response_create_change_set
    CloudFormationResponse.describe_change_set = _response_describe_change_set
    CloudFormationResponse.delete_change_set = _response_delete_change_set
    CloudFormationResponse.execute_change_set = _response_execute_change_set
    CloudFormationResponse.list_change_sets = _response_list_change_sets
    CloudFormationResponse.list_stack_resources = _response_list_stack_resources

    cfn_utils.get_stack_from_s3_url = _get_stack_from_s3_url
    cfn_models.get_stack_from_s3_url = _get_stack_from_s3_url
    cfn_responses.get_stack_from_s3_url = _get_stack_from_s3_url
