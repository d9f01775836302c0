/* dependency_internal.h: what the dependency_*.c files share: one run of helm dependency update or build. */
#ifndef CELM_DEPENDENCY_INTERNAL_H
#define CELM_DEPENDENCY_INTERNAL_H

#include "celm/celm.h"
#include "celm/dependency_manager.h"

/* Dependencies and lock entries are metadata maps (name, version, repository, ...) as the chart
 * loader types them; everything of a run lives in the loaded chart's arena. */
typedef struct dependency_run {
    const celm_dependency_options *options;
    celm_chart *chart;
    celm_arena *arena;
    celm_error *err;
    const celm_value *repositories;     /* repositories.yaml's entries (maps with name and url) */
} dependency_run;

/* Writes Helm's Out text (printf-style) to the options' output. */
void dependency_say(const dependency_run *run, const char *format, ...) CELM_PRINTF(2, 3);
/* Go's filepath.Join(a, b): an arena string, cleaned. */
const char *dependency_join(const dependency_run *run, const char *a, const char *b);
/* loader.LoadFile: a chart archive, refusing directories ("cannot load a directory"). */
int dependency_load_archive(const dependency_run *run, const char *path, celm_chart **out, celm_error *err);

/* --- repositories (dependency_repositories.c) --- */
/* resolver.GetLocalPath: a file:// repository (or a charts/ path) joined to the chart directory;
 * "directory X not found" when missing. *out is an arena string. */
int dependency_local_path(const dependency_run *run, const char *repository, const char **out);
/* resolveRepoNames: repositories.yaml read into run->repositories (none when the file is missing),
 * the declared dependencies (may be NULL) checked, aliases "@name" replaced in place by the
 * repository's URL; then the refusal of every remote repository. */
int dependency_check_requirements(dependency_run *run, celm_value *requirements);
/* hasAllRepos on the lock's dependencies, then the refusal of every remote repository. */
int dependency_check_locked(const dependency_run *run, const celm_value *locked);
/* UpdateRepositories unless refreshing is skipped: the messages Helm prints when no repository
 * answers, since celm cannot download repository indexes yet. */
void dependency_refresh(const dependency_run *run);
/* loadChartRepositories' reading of each repository's cached index. */
int dependency_read_indexes(const dependency_run *run);

/* --- resolving and the lock (dependency_resolve.c, dependency_lock.c) --- */
typedef enum dependency_version {
    DEPENDENCY_VERSION_SATISFIES,
    DEPENDENCY_VERSION_OUTSIDE,
    DEPENDENCY_CONSTRAINT_INVALID,
    DEPENDENCY_VERSION_INVALID
} dependency_version;
/* Whether `version` satisfies `constraint` (Masterminds' NewConstraint, NewVersion, Check); the
 * semver error is in `detail` for the two invalid answers. */
dependency_version dependency_check_version(const dependency_run *run, const char *constraint, const char *version,
                                            celm_error *detail);
/* resolver.Resolve for charts/ and file:// dependencies: the locked list (NULL entries for a
 * file:// chart whose version is not semantic, as Helm leaves them). */
int dependency_resolve(const dependency_run *run, const celm_value *requirements, celm_value **locked);
/* resolver.HashReq: "sha256:" and the digest of the JSON [requirements, locked]. */
const char *dependency_digest(const dependency_run *run, const celm_value *requirements, const celm_value *locked);
/* resolver.HashV2Req: the digest of the JSON {"dependencies": requirements}, Helm 2's. */
const char *dependency_digest_v2(const dependency_run *run, const celm_value *requirements);
/* writeLock: Chart.lock (requirements.lock for apiVersion v1) generated now, never through a link. */
int dependency_write_lock(const dependency_run *run, const celm_value *locked, const char *digest);

/* --- charts/ (dependency_download.c) --- */
/* downloadAll: every locked dependency checked or packaged into charts/, outdated archives
 * deleted; versions of file:// entries are set to the packaged chart's. */
int dependency_download_all(const dependency_run *run, celm_value *locked);

#endif
