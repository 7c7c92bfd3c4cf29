/*
 * report.h - the two outputs of xlat-report, both written from the model:
 * one self-contained HTML page, and Chrome trace-event JSON (Perfetto).
 */
#ifndef XLAT_REPORT_H
#define XLAT_REPORT_H

#include <stdio.h>

#include "model.h"

/* 0 or -errno (of the stream). */
int html_write(const struct model *m, FILE *f);
int perfetto_write(const struct model *m, FILE *f);

/* JSON string output that is safe inside an HTML <script> element too:
   '<', '>' and '&' escaped, bytes that are not UTF-8 as U+FFFD. */
void json_put_str(FILE *f, const char *s);

/* The page's CSS and JavaScript (assets-gen.c, made from page.css and
   page.js at build time). */
extern const char report_page_css[];
extern const char report_page_js[];

#endif
