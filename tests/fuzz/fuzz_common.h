/* SPDX-License-Identifier: MIT */
/* The one fuzz harness, shared by every reader's target: read the input with the format
 * forced, then check and write what was read in every format, and read the JSON back — it
 * must give the same JSON again. Any crash, sanitizer report or broken invariant aborts. */
#ifndef XXGK_FUZZ_COMMON_H
#define XXGK_FUZZ_COMMON_H

#include <xxgk.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void fuzz_die(const char *what, int rc)
{
    fprintf(stderr, "fuzz invariant broken: %s (%d: %s)\n", what, rc, xxgk_error_message());
    abort();
}

static char *fuzz_write(const xxgk_report *r, int format, const xxgk_findings *f)
{
    xxgk_write_options *wo = NULL;
    char *out = NULL;
    size_t len = 0;
    if (xxgk_write_options_new(&wo) || xxgk_write_options_set_format(wo, format))
        fuzz_die("write options", -1);
    if (format == XXGK_FORMAT_HTML)
        xxgk_write_options_set_findings(wo, f);
    int rc = xxgk_report_write(&out, &len, r, wo);
    xxgk_write_options_free(wo);
    if (rc == 0 && (!out || strlen(out) != len))
        fuzz_die("written length", rc);
    if (rc != 0 && rc != XXGK_EFORMAT && rc != XXGK_ENOMEM)
        fuzz_die("write failed", rc);
    return out;
}

static int fuzz_one(const uint8_t *data, size_t size, int format)
{
    xxgk_parse_options *o = NULL;
    if (xxgk_parse_options_new(&o) || xxgk_parse_options_set_format(o, format))
        fuzz_die("parse options", -1);
    xxgk_report *r = NULL;
    int rc = xxgk_report_parse(&r, (const char *)data, size, o);
    if (rc) {
        if (r)
            fuzz_die("*out set after a failure", rc);
        if (rc >= 0 || !xxgk_error_message()[0] || xxgk_error_code() != rc)
            fuzz_die("failure without its detail", rc);
        xxgk_parse_options_free(o);
        return 0;
    }
    xxgk_findings *f = NULL;
    if ((rc = xxgk_check(&f, r, NULL)) != 0)
        fuzz_die("check", rc);
    for (size_t i = 0; i < xxgk_findings_count(f); i++)
        if (!xxgk_finding_rule(f, i) || !xxgk_finding_message(f, i) || !xxgk_finding_message_en(f, i))
            fuzz_die("finding without rule or message", 0);
    char *json = NULL;
    for (int fmt = XXGK_FORMAT_JSON; fmt <= XXGK_FORMAT_HTML; fmt++) {
        char *out = fuzz_write(r, fmt, f);
        if (fmt == XXGK_FORMAT_JSON)
            json = out;
        else
            xxgk_free(out);
    }
    if (!json)
        fuzz_die("no JSON written", 0);
    /* what was read is a report: its JSON reads back to the same JSON */
    xxgk_report *back = NULL;
    if ((rc = xxgk_report_parse(&back, json, strlen(json), NULL)) != 0)
        fuzz_die("written JSON does not read back", rc);
    char *again = fuzz_write(back, XXGK_FORMAT_JSON, NULL);
    if (!again || strcmp(again, json) != 0)
        fuzz_die("JSON round trip changed the report", 0);
    xxgk_free(again);
    xxgk_report_free(back);
    xxgk_free(json);
    xxgk_findings_free(f);
    xxgk_report_free(r);
    xxgk_parse_options_free(o);
    return 0;
}

/* The multi-report reader over the same bytes: every report it returns is checked; after an
 * error the reader is at its end, as documented, except in a long CSV, where it may go on
 * with the report after the one that failed (the loop is bounded). */
static int fuzz_reader(const uint8_t *data, size_t size, int format)
{
    xxgk_parse_options *o = NULL;
    if (xxgk_parse_options_new(&o) || xxgk_parse_options_set_format(o, format))
        fuzz_die("parse options", -1);
    xxgk_reader *rd = NULL;
    int rc = xxgk_reader_open(&rd, (const char *)data, size, o);
    xxgk_parse_options_free(o); /* the reader keeps no pointer into the options */
    if (rc) {
        if (rd)
            fuzz_die("reader set after a failed open", rc);
        return 0;
    }
    for (int i = 0; i < 10000; i++) {
        xxgk_report *r = NULL;
        rc = xxgk_reader_next(&r, rd);
        if (rc == 1) {
            if (r)
                fuzz_die("report at the end", rc);
            break;
        }
        if (rc < 0) {
            if (r || xxgk_error_code() != rc)
                fuzz_die("reader failure without its detail", rc);
            if (format == XXGK_FORMAT_CSV)
                continue;
            if (xxgk_reader_next(&r, rd) != 1 || r)
                fuzz_die("reader not at its end after an error", rc);
            break;
        }
        if (rc != 0 || !r || !xxgk_reader_report_id(rd))
            fuzz_die("reader_next", rc);
        xxgk_findings *f = NULL;
        if ((rc = xxgk_check(&f, r, NULL)) != 0)
            fuzz_die("check", rc);
        xxgk_findings_free(f);
        xxgk_report_free(r);
    }
    xxgk_reader_free(rd);
    return 0;
}

#endif
