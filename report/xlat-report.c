/*
 * xlat-report.c - main of xlat-report: options, read the trace (the shared
 * reader of src/format/jsonl.c), build the model, write the HTML page or
 * the Perfetto JSON.  Messages and exit codes live here only.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format/jsonl.h"
#include "model.h"
#include "report.h"

#define EXIT_TOOL 125

static void _usage(FILE *f)
{
	fprintf(f,
"Usage: xlat-report [--perfetto] [-o FILE] TRACE.jsonl\n"
"Turn an xlat trace into a self-contained HTML report (the default) or a\n"
"Chrome trace-event JSON file for ui.perfetto.dev (see xlat-report(1)).\n"
"\n"
"  -o, --output=FILE   write to FILE (default: stdout)\n"
"  -p, --perfetto      write Chrome trace-event JSON instead of HTML\n"
"  -h, --help          this text\n"
"  -V, --version       the version\n"
"\n"
"Exit status: 0; 1 when some lines of the trace could not be read (the\n"
"report shows the rest); 125 when no report could be written.\n");
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "perfetto", no_argument, NULL, 'p' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	const char *out = NULL;
	bool perfetto = false;
	struct jsonl_reader r;
	struct model m;
	json_object *rec;
	FILE *f = stdout;
	int c, rc;

	while ((c = getopt_long(argc, argv, "o:phV", longopts, NULL)) != -1) {
		switch (c) {
		case 'o': out = optarg; break;
		case 'p': perfetto = true; break;
		case 'h': _usage(stdout); return 0;
		case 'V': printf("xlat-report %s\n", PACKAGE_VERSION); return 0;
		default: _usage(stderr); return EXIT_TOOL;
		}
	}
	if (optind != argc - 1) {
		fprintf(stderr, "xlat-report: %s\nTry 'xlat-report --help'.\n",
			optind >= argc ? "no trace file given" : "one trace file at a time");
		return EXIT_TOOL;
	}
	rc = jsonl_open(&r, argv[optind]);
	if (rc < 0) {
		fprintf(stderr, "xlat-report: cannot open '%s': %s\n", argv[optind], strerror(-rc));
		return EXIT_TOOL;
	}
	if (model_init(&m, perfetto) < 0) {
		fprintf(stderr, "xlat-report: out of memory\n");
		return EXIT_TOOL;
	}
	while ((rc = jsonl_next(&r, &rec)) != 0) {
		if (rc == -EINVAL)
			fprintf(stderr, "xlat-report: %s\n", r.err);
		else if (rc < 0) {
			fprintf(stderr, "xlat-report: reading '%s': %s\n", r.name, strerror(-rc));
			break;
		}
		if (rec) {
			rc = model_add(&m, rec);
			json_object_put(rec);
			if (rc < 0) {
				fprintf(stderr, "xlat-report: out of memory at %s:%ld\n", r.name, r.line);
				return EXIT_TOOL;
			}
		}
	}
	model_finish(&m);
	if (r.bad)
		fprintf(stderr, "xlat-report: %s: %ld line%s could not be read; the report shows "
			"the other %ld\n", r.name, r.bad, r.bad == 1 ? "" : "s", r.line - r.bad);
	if (out && strcmp(out, "-") != 0 && !(f = fopen(out, "we"))) {
		fprintf(stderr, "xlat-report: cannot write '%s': %s\n", out, strerror(errno));
		return EXIT_TOOL;
	}
	rc = perfetto ? perfetto_write(&m, f) : html_write(&m, f);
	if ((f != stdout && fclose(f) != 0) || rc < 0) {
		fprintf(stderr, "xlat-report: writing '%s' failed\n", out ? out : "stdout");
		return EXIT_TOOL;
	}
	model_free(&m);
	jsonl_close(&r);
	return r.bad ? 1 : 0;
}
