/* kube_exec.c: exec credential plugins (client.authentication.k8s.io/v1) run as client-go runs them. */
#include <errno.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "buffer.h"
#include "kube_internal.h"

extern char **environ;

static const char *text_of(const celm_value *map, const char *key)
{
    const celm_value *value = map && map->kind == CELM_VALUE_MAP ? celm_map_cget(map, key) : NULL;
    return value && value->kind == CELM_VALUE_STRING && value->as.string.len ? value->as.string.data : NULL;
}

static size_t count_of(const celm_value *list)
{
    return list && list->kind == CELM_VALUE_LIST ? list->as.list.count : 0;
}

/* argv: the command, then its args. */
static char **exec_arguments(celm_arena *arena, const celm_value *exec, const char *command)
{
    const celm_value *args = celm_map_cget(exec, "args");
    size_t count = count_of(args);
    char **argv = celm_arena_alloc(arena, (count + 2) * sizeof *argv);
    if (!argv)
        return NULL;
    size_t n = 0;
    argv[n++] = (char *)command;
    for (size_t i = 0; i < count; i++)
        if (args->as.list.items[i]->kind == CELM_VALUE_STRING)
            argv[n++] = (char *)args->as.list.items[i]->as.string.data;
    argv[n] = NULL;
    return argv;
}

/* The process environment, the stanza's env entries, and KUBERNETES_EXEC_INFO. */
static char **exec_environment(celm_arena *arena, const celm_value *exec, const char *api_version)
{
    size_t inherited = 0;
    while (environ[inherited])
        inherited++;
    const celm_value *extra = celm_map_cget(exec, "env");
    size_t count = count_of(extra);
    char **envp = celm_arena_alloc(arena, (inherited + count + 2) * sizeof *envp);
    if (!envp)
        return NULL;
    size_t n = 0;
    for (size_t i = 0; i < inherited; i++)
        envp[n++] = environ[i];
    for (size_t i = 0; i < count; i++) {
        const char *name = text_of(extra->as.list.items[i], "name");
        const char *value = text_of(extra->as.list.items[i], "value");
        if (name)
            envp[n++] = celm_arena_printf(arena, "%s=%s", name, value ? value : "");
    }
    envp[n++] = celm_arena_printf(arena, "KUBERNETES_EXEC_INFO={\"kind\":\"ExecCredential\",\"apiVersion\":\"%s\","
                                  "\"spec\":{\"interactive\":false}}", api_version);
    envp[n] = NULL;
    return envp;
}

static int run_plugin(celm_arena *arena, char **argv, char **envp, celm_string *out, celm_error *err)
{
    int pipe_fds[2];
    if (pipe(pipe_fds) != 0)
        return celm_error_set(err, CELM_EIO, "exec plugin: pipe: %s", strerror(errno));
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, pipe_fds[0]);
    pid_t pid;
    int spawned = posix_spawnp(&pid, argv[0], &actions, NULL, argv, envp);
    posix_spawn_file_actions_destroy(&actions);
    close(pipe_fds[1]);
    if (spawned != 0) {
        close(pipe_fds[0]);
        return celm_error_set(err, CELM_EIO, "exec: executable %s not found", argv[0]);
    }
    celm_buffer buffer;
    celm_buffer_init(&buffer);
    char chunk[4096];
    ssize_t got;
    while ((got = read(pipe_fds[0], chunk, sizeof chunk)) > 0 || (got < 0 && errno == EINTR))
        if (got > 0)
            celm_buffer_append(&buffer, chunk, (size_t)got);
    close(pipe_fds[0]);
    int wait_status = 0;
    while (waitpid(pid, &wait_status, 0) < 0 && errno == EINTR)
        ;
    if (!WIFEXITED(wait_status) || WEXITSTATUS(wait_status) != 0) {
        celm_buffer_free(&buffer);
        return celm_error_set(err, CELM_EFAIL, "exec: executable %s failed with exit code %d", argv[0],
                              WIFEXITED(wait_status) ? WEXITSTATUS(wait_status) : -1);
    }
    celm_buffer_append(&buffer, "", 0);
    return celm_buffer_finish(&buffer, arena, out) == CELM_OK ? CELM_OK
           : celm_error_set(err, CELM_ENOMEM, "out of memory reading the exec plugin's output");
}

int kube_exec_credentials(celm_arena *arena, kube_target *target, celm_error *err)
{
    const celm_value *exec = target->exec;
    const char *command = text_of(exec, "command");
    const char *api_version = text_of(exec, "apiVersion");
    if (!command)
        return celm_error_set(err, CELM_EINVAL, "exec plugin: invalid apiVersion or missing command");
    if (!api_version)
        api_version = "client.authentication.k8s.io/v1";
    char **argv = exec_arguments(arena, exec, command);
    char **envp = exec_environment(arena, exec, api_version);
    if (!argv || !envp)
        return celm_error_set(err, CELM_ENOMEM, "out of memory starting the exec plugin");
    celm_string output;
    int status = run_plugin(arena, argv, envp, &output, err);
    celm_value *credential;
    if (status == CELM_OK)
        status = celm_json_parse(arena, output.data, output.len, command, &credential, err);
    if (status != CELM_OK)
        return celm_error_set(err, status, "getting credentials: %s", err->message);
    const celm_value *credential_status = celm_map_cget(credential, "status");
    const char *token = text_of(credential_status, "token");
    const char *certificate = text_of(credential_status, "clientCertificateData");
    const char *key = text_of(credential_status, "clientKeyData");
    if (!token && !(certificate && key))
        return celm_error_set(err, CELM_EINVAL, "getting credentials: exec plugin didn't return a token or cert/key pair");
    if (token)
        target->token = token;
    if (certificate && key) {
        target->cert_data = (celm_string){certificate, strlen(certificate)};
        target->key_data = (celm_string){key, strlen(key)};
        target->cert_file = target->key_file = NULL;
    }
    return CELM_OK;
}
