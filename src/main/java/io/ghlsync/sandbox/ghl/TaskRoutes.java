package io.ghlsync.sandbox.ghl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.vertx.ext.web.Router;

/** A contact's tasks: list, create, get, update, complete, delete; fires TaskCreate, TaskComplete, TaskDelete. */
final class TaskRoutes {

    void register(Router router, ApiGate gate) {
        gate.route(router, ApiOperation.GET_ALL_TASKS, this::list);
        gate.route(router, ApiOperation.CREATE_TASK, this::create);
        gate.route(router, ApiOperation.UPDATE_TASK_COMPLETED, this::complete);
        gate.route(router, ApiOperation.GET_TASK, call -> call.reply(200, ApiCall.wrap("task", task(call).toJson())));
        gate.route(router, ApiOperation.UPDATE_TASK, this::update);
        gate.route(router, ApiOperation.DELETE_TASK, this::delete);
    }

    private void list(ApiCall call) {
        Contact contact = call.contact();
        ArrayNode tasks = Json.array();
        call.location().tasks().of(contact.id()).forEach(t -> tasks.add(t.toJson()));
        call.reply(200, ApiCall.wrap("tasks", tasks));
    }

    private void create(ApiCall call) {
        JsonNode body = call.body(GhlDtos.CREATE_TASK);
        Contact contact = call.contact();
        Task task = Task.create(call.location().id(), contact.id(), body, call.now());
        call.location().tasks().put(contact.id(), task);
        call.webhooks().publish(task.event("TaskCreate"));
        call.reply(201, ApiCall.wrap("task", task.toJson()));
    }

    private void update(ApiCall call) {
        JsonNode body = call.body(GhlDtos.UPDATE_TASK);
        Task before = task(call);
        Task after = changed(call, before, t -> t.update(body));
        call.reply(200, ApiCall.wrap("task", after.toJson()));
    }

    private void complete(ApiCall call) {
        JsonNode body = call.body(GhlDtos.TASK_STATUS);
        Task before = task(call);
        Task after = changed(call, before, t -> t.withCompleted(body.get("completed").asBoolean()));
        call.reply(200, ApiCall.wrap("task", after.toJson()));
    }

    private void delete(ApiCall call) {
        Task task = task(call);
        call.location().tasks().remove(task.contactId(), task.id())
                .ifPresent(removed -> call.webhooks().publish(removed.event("TaskDelete")));
        call.reply(200, ApiCall.succeeded());
    }

    /** Applies a change; a task that becomes completed fires TaskComplete (GHL has no TaskUpdate event). */
    private static Task changed(ApiCall call, Task before, java.util.function.UnaryOperator<Task> change) {
        Task after = call.location().tasks().change(before.contactId(), before.id(), change)
                .orElseThrow(() -> GhlError.badRequest("Task not found"));
        if (!before.completed() && after.completed()) {
            call.webhooks().publish(after.event("TaskComplete"));
        }
        return after;
    }

    private static Task task(ApiCall call) {
        Contact contact = call.contact();
        return call.location().tasks().get(contact.id(), call.path("taskId"))
                .orElseThrow(() -> GhlError.badRequest("Task not found"));
    }
}
