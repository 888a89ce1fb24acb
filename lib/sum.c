#include "internal.h"
int xxgk_report_sum(xxgk_report **out, const xxgk_report *const *reports, size_t n)
{ (void)reports; (void)n; *out = NULL; return XXGK_EINVAL; }
int xxgk_report_add(xxgk_report *acc, const xxgk_report *r) { (void)acc; (void)r; return XXGK_EINVAL; }
int xxgk_report_sum_finish(xxgk_report *acc) { (void)acc; return 0; }
int xxgk_report_diff(xxgk_findings **out, const xxgk_report *a, const xxgk_report *b)
{ (void)a; (void)b; return xxgk_findings_new(out); }
