/* gotmpl_lend.h: the named templates render-gotmpl lends other renderers: include and tpl. */
#ifndef CELM_GOTMPL_LEND_H
#define CELM_GOTMPL_LEND_H

#include "celm/render.h"
#include "gotmpl_render.h"

/* Fills *out with include and tpl over `prepared`, which must outlive their use. */
void gotmpl_lend_templates(gotmpl_prepared *prepared, celm_render_templates *out);

#endif
