/*
 * perfetto.c - the Chrome trace-event JSON that ui.perfetto.dev and
 * chrome://tracing open: processes and threads named by metadata events,
 * one complete ("X") event per call with its arguments and result, and
 * instant ("i") events for signals and exits.  Times in microseconds.
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include "report.h"

static int _pid_of(const struct model *m, int thread)
{
	return m->threads[thread].pid;
}

int perfetto_write(const struct model *m, FILE *f)
{
	size_t i;
	bool first = true;

	fputs("{\"displayTimeUnit\":\"ms\",\"otherData\":{\"command\":", f);
	json_put_str(f, m->command);
	fputs(",\"status\":", f);
	json_put_str(f, m->status ? m->status : "unknown (no end record)");
	fputs("},\n\"traceEvents\":[\n", f);
	for (i = 0; i < m->nprocs; i++) {
		fprintf(f, "%s{\"ph\":\"M\",\"name\":\"process_name\",\"pid\":%d,\"tid\":%d,\"args\":{\"name\":",
			first ? "" : ",\n", m->procs[i].pid, m->procs[i].pid);
		json_put_str(f, m->procs[i].command ? m->procs[i].command : "?");
		fputs("}}", f);
		first = false;
	}
	for (i = 0; i < m->nthreads; i++)
		fprintf(f, "%s{\"ph\":\"M\",\"name\":\"thread_name\",\"pid\":%d,\"tid\":%d,"
			"\"args\":{\"name\":\"%s %d\"}}", first ? "" : ",\n", m->threads[i].pid,
			m->threads[i].tid, m->threads[i].tid == m->threads[i].pid ? "main" : "thread",
			m->threads[i].tid), first = false;
	for (i = 0; i < m->ncalls; i++) {
		const struct call *c = &m->calls[i];

		fprintf(f, "%s{\"ph\":\"X\",\"cat\":\"%s\",\"name\":", first ? "" : ",\n",
			c->err >= 0 ? "syscall,error" : "syscall");
		json_put_str(f, m->sys[c->name].name);
		fprintf(f, ",\"pid\":%d,\"tid\":%d,\"ts\":%" PRId64 ",\"dur\":%" PRId64 ",\"args\":{\"ret\":",
			_pid_of(m, c->thread), m->threads[c->thread].tid, c->start, c->dur);
		json_put_str(f, c->ret);
		if (c->args) {
			json_object_object_foreach(c->args, key, val) {
				putc(',', f);
				json_put_str(f, key);
				putc(':', f);
				if (json_object_is_type(val, json_type_string))
					json_put_str(f, json_object_get_string(val));
				else
					json_put_str(f, json_object_to_json_string_ext(val, JSON_C_TO_STRING_PLAIN));
			}
		}
		fputs("}}", f);
		first = false;
	}
	for (i = 0; i < m->nmarks; i++) {
		const struct mark *k = &m->marks[i];

		fprintf(f, "%s{\"ph\":\"i\",\"s\":\"t\",\"cat\":\"%s\",\"name\":", first ? "" : ",\n",
			k->exit ? "exit" : "signal");
		json_put_str(f, k->text);
		fprintf(f, ",\"pid\":%d,\"tid\":%d,\"ts\":%" PRId64 "}", _pid_of(m, k->thread),
			m->threads[k->thread].tid, k->at);
		first = false;
	}
	fputs("\n]}\n", f);
	fflush(f);
	return ferror(f) ? -EIO : 0;
}
