/* capabilities_default.h: what `helm template` v4.2.4 reports as .Capabilities without a cluster. */
#ifndef CELM_CAPABILITIES_DEFAULT_H
#define CELM_CAPABILITIES_DEFAULT_H

#include <stddef.h>

#define CELM_DEFAULT_KUBE_VERSION "v1.36.0"
/* celm renders as Helm v4.2.4 does, so charts that test .Capabilities.HelmVersion see that. */
#define CELM_HELM_VERSION "v4.2.4"
#define CELM_HELM_GO_VERSION "go1.26.8"
#define CELM_HELM_KUBE_CLIENT_VERSION "v1.36"

extern const char *const celm_default_api_versions[];
extern const size_t celm_default_api_version_count;

#endif
