/* sdk.h: the one header a plugin includes to see the whole SDK. */
#ifndef CELM_SDK_H
#define CELM_SDK_H

#include "celm/abi.h"
#include "celm/arena.h"
#include "celm/error.h"
#include "celm/value.h"
#include "celm/semver_info.h"
#include "celm/kube.h"
#include "celm/host.h"
#include "celm/plugin.h"
#include "celm/storage.h"
#include "celm/render.h"
#include "celm/repo.h"
#include "celm/hook.h"

#endif
