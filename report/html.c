/*
 * html.c - the HTML report: one file with the CSS and JavaScript inline,
 * the model's data as one JSON element (columns of numbers and short
 * strings, so the size stays proportional to the calls), and the page
 * skeleton that page.js fills.
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include "report.h"

/* Length of the valid UTF-8 sequence at p, or 0. */
static size_t _utf8(const unsigned char *p)
{
	size_t n, i;

	if (p[0] < 0x80)
		return 1;
	if (p[0] >= 0xc2 && p[0] <= 0xdf)
		n = 2;
	else if (p[0] >= 0xe0 && p[0] <= 0xef)
		n = 3;
	else if (p[0] >= 0xf0 && p[0] <= 0xf4)
		n = 4;
	else
		return 0;
	for (i = 1; i < n; i++)
		if ((p[i] & 0xc0) != 0x80)
			return 0;
	return n;
}

void json_put_str(FILE *f, const char *s)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	size_t n;

	putc('"', f);
	while (*p) {
		switch (*p) {
		case '"': fputs("\\\"", f); p++; continue;
		case '\\': fputs("\\\\", f); p++; continue;
		case '\n': fputs("\\n", f); p++; continue;
		case '<': fputs("\\u003c", f); p++; continue;
		case '>': fputs("\\u003e", f); p++; continue;
		case '&': fputs("\\u0026", f); p++; continue;
		}
		if (*p < 0x20) {
			fprintf(f, "\\u%04x", *p++);
			continue;
		}
		n = _utf8(p);
		if (!n) {
			fputs("\\ufffd", f);
			p++;
			continue;
		}
		fwrite(p, 1, n, f);
		p += n;
	}
	putc('"', f);
}

/* Text for HTML element content. */
static void _html_text(FILE *f, const char *s)
{
	for (; s && *s; s++) {
		if (*s == '<')
			fputs("&lt;", f);
		else if (*s == '>')
			fputs("&gt;", f);
		else if (*s == '&')
			fputs("&amp;", f);
		else
			putc(*s, f);
	}
}

/* Rows of [key, n0, ..., n4]: the files or the endpoints. */
static void _counted(FILE *f, const struct counted *c, size_t n)
{
	size_t i;
	int k;

	for (i = 0; i < n; i++) {
		fprintf(f, "%s[", i ? "," : "");
		json_put_str(f, c[i].key);
		for (k = 0; k < 5; k++)
			fprintf(f, ",%ld", c[i].n[k]);
		putc(']', f);
	}
}

static void _data(const struct model *m, FILE *f)
{
	size_t i;

	fputs("{\"command\":", f);
	json_put_str(f, m->command);
	fputs(",\"status\":", f);
	if (m->status)
		json_put_str(f, m->status);
	else
		fputs("null", f);
	fputs(",\"started\":", f);
	json_put_str(f, m->started);
	fprintf(f, ",\"end\":%" PRId64 ",\n\"threads\":[", m->end);
	for (i = 0; i < m->nthreads; i++)
		fprintf(f, "%s[%d,%d,%" PRId64 ",%" PRId64 "]", i ? "," : "", m->threads[i].tid,
			m->threads[i].pid, m->threads[i].first, m->threads[i].last);
	fputs("],\n\"procs\":[", f);
	for (i = 0; i < m->nprocs; i++) {
		const struct process *p = &m->procs[i];

		fprintf(f, "%s[%d,%d,", i ? "," : "", p->pid, p->ppid);
		json_put_str(f, p->command ? p->command : "?");
		fprintf(f, ",%" PRId64 ",%" PRId64 ",", p->start, p->end);
		if (p->exit)
			json_put_str(f, p->exit);
		else
			fputs("null", f);
		fprintf(f, ",%d]", p->calls);
	}
	fputs("],\n\"sys\":[", f);
	for (i = 0; i < m->nsys; i++) {
		fprintf(f, "%s[", i ? "," : "");
		json_put_str(f, m->sys[i].name);
		fprintf(f, ",%ld,%ld,%" PRId64 "]", m->sys[i].count, m->sys[i].errors, m->sys[i].time);
	}
	fputs("],\n\"files\":[", f);
	_counted(f, m->files, m->nfiles);
	fputs("],\n\"net\":[", f);
	_counted(f, m->net, m->nnet);
	fputs("],\n\"marks\":[", f);
	for (i = 0; i < m->nmarks; i++) {
		fprintf(f, "%s[%d,%" PRId64 ",", i ? "," : "", m->marks[i].thread, m->marks[i].at);
		json_put_str(f, m->marks[i].text);
		fprintf(f, ",%d]", m->marks[i].exit);
	}
	/* The calls as columns: thread, start, duration, syscall, errno,
	   return value, first arguments. */
	fputs("],\n\"calls\":{\"t\":[", f);
	for (i = 0; i < m->ncalls; i++)
		fprintf(f, "%s%d", i ? "," : "", m->calls[i].thread);
	fputs("],\n\"s\":[", f);
	for (i = 0; i < m->ncalls; i++)
		fprintf(f, "%s%" PRId64, i ? "," : "", m->calls[i].start);
	fputs("],\n\"d\":[", f);
	for (i = 0; i < m->ncalls; i++)
		fprintf(f, "%s%" PRId64, i ? "," : "", m->calls[i].dur);
	fputs("],\n\"n\":[", f);
	for (i = 0; i < m->ncalls; i++)
		fprintf(f, "%s%d", i ? "," : "", m->calls[i].name);
	fputs("],\n\"e\":[", f);
	for (i = 0; i < m->ncalls; i++)
		fprintf(f, "%s%d", i ? "," : "", m->calls[i].err);
	fputs("],\n\"r\":[", f);
	for (i = 0; i < m->ncalls; i++) {
		if (i)
			putc(',', f);
		json_put_str(f, m->calls[i].ret);
	}
	fputs("],\n\"a\":[", f);
	for (i = 0; i < m->ncalls; i++) {
		if (i)
			putc(',', f);
		json_put_str(f, m->calls[i].summary);
	}
	fputs("]}}", f);
}

int html_write(const struct model *m, FILE *f)
{
	fputs("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>xlat report: ", f);
	_html_text(f, m->command);
	fputs("</title>\n"
	      /* First of all: JavaScript errors become visible in the DOM
		 (the browser test reads them from there). */
	      "<script>window.onerror=function(msg,src,line){var e=document.getElementById('js-errors');"
	      "if(e){e.hidden=false;e.textContent+=msg+' (line '+line+')\\n';}};</script>\n<style>\n", f);
	fputs(report_page_css, f);
	fputs("</style></head><body>\n<div id=\"js-errors\" hidden></div>\n"
	      "<h1>xlat report</h1>\n<div id=\"summary\"></div>\n"
	      "<h2>Processes</h2>\n<div class=\"scroll\"><table id=\"procs\"><thead><tr><th>pid</th>"
	      "<th>command</th><th>exit</th><th>start (s)</th><th>time (s)</th><th>calls</th></tr>"
	      "</thead><tbody></tbody></table></div>\n"
	      "<h2>Timeline</h2>\n<div class=\"bar\"><button id=\"zoom-in\">zoom in</button>"
	      "<button id=\"zoom-out\">zoom out</button><button id=\"zoom-reset\">whole run</button>"
	      "<span class=\"legend\">wheel: zoom, drag: pan <i style=\"background:#48c\"></i>call"
	      "<i style=\"background:#d33\"></i>failed call<i style=\"background:#e90\"></i>signal"
	      "<i style=\"background:#000\"></i>exit</span></div>\n"
	      "<div id=\"timeline-box\"><canvas id=\"timeline\"></canvas><div id=\"tip\"></div></div>\n"
	      "<h2>System calls</h2>\n<div class=\"scroll\"><table id=\"syscalls\"></table></div>\n"
	      "<h2>Files</h2>\n<div class=\"scroll\"><table id=\"files\"></table></div>\n"
	      "<h2>Network endpoints</h2>\n<div class=\"scroll\"><table id=\"net\"></table></div>\n"
	      "<h2>Search calls</h2>\n<div class=\"bar\"><input id=\"search\" placeholder=\"name, "
	      "argument or result, e.g. openat, /etc, ENOENT\"> <span id=\"nhits\"></span></div>\n"
	      "<table id=\"hits\"><thead><tr><th>time (s)</th><th>tid</th><th>call</th></tr></thead>"
	      "<tbody></tbody></table><button id=\"more\" hidden>more</button>\n"
	      "<script type=\"application/json\" id=\"data\">", f);
	_data(m, f);
	fputs("</script>\n<script>\n", f);
	fputs(report_page_js, f);
	fputs("</script>\n</body></html>\n", f);
	fflush(f);
	return ferror(f) ? -EIO : 0;
}
