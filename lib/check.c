#include "internal.h"
int xxgk_check(xxgk_findings **out, const xxgk_report *r, const xxgk_check_options *opts)
{ (void)r; (void)opts; return xxgk_findings_new(out); }
int xxgk_check_into(xxgk_findings *f, const xxgk_report *r, const xxgk_check_options *opts)
{ (void)r; (void)opts; xx_findings_reset(f); return 0; }
int xxgk_check_previous(xxgk_findings **out, const xxgk_report *r, const xxgk_report *prev, const xxgk_check_options *opts)
{ (void)r; (void)prev; (void)opts; return xxgk_findings_new(out); }
