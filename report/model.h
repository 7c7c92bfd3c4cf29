/*
 * model.h - what xlat-report knows of a trace: processes and threads,
 * every call in compact form, per-syscall totals, files and network
 * endpoints, signals and exits.  Built from parsed records; the HTML and
 * Perfetto writers only read it.
 */
#ifndef XLAT_REPORT_MODEL_H
#define XLAT_REPORT_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <json-c/json.h>

struct call {
	int64_t start, dur;	/* microseconds */
	int thread;		/* index into threads */
	int name;		/* index into sys */
	int err;		/* index into errnos, -1 when the call succeeded */
	char *ret;		/* the return value as text */
	char *summary;		/* the first arguments, short, for search and tooltips */
	json_object *args;	/* kept only for the Perfetto export */
};

struct mark {			/* a signal or an exit */
	int64_t at;
	int thread;
	char *text;		/* "SIGCHLD", "exit 0", "killed by SIGKILL" */
	bool exit;
};

struct thread {
	int tid, pid;
	int64_t first, last;
};

struct process {
	int pid, ppid;
	char *command;		/* argv of its last exec, joined */
	int64_t start, end;
	char *exit;		/* "0", "SIGKILL", NULL while unknown */
	int calls;
};

struct sysstat {
	char *name;
	long count, errors;
	int64_t time;		/* microseconds in the call */
};

struct counted {		/* a file or an endpoint and what was done to it */
	char *key;
	long n[5];		/* files: read, write, created, deleted, failed;
				   net: connect, bind, send, accept, failed */
};

struct model {
	char *command;		/* of the start record */
	char *status;		/* "exited with 0", "killed by SIGKILL", NULL: no end record */
	char *started;		/* wall clock of the start record */
	int64_t end;
	struct call *calls; size_t ncalls, capcalls;
	struct mark *marks; size_t nmarks, capmarks;
	struct thread *threads; size_t nthreads, capthreads;
	struct process *procs; size_t nprocs, capprocs;
	struct sysstat *sys; size_t nsys, capsys;
	char **errnos; size_t nerrnos, caperrnos;
	struct counted *files; size_t nfiles, capfiles;
	struct counted *net; size_t nnet, capnet;
	bool keep_args;		/* keep each call's args (Perfetto) */
	void *index;		/* lookup tables (model.c) */
};

int model_init(struct model *m, bool keep_args);
/* Take in one record (the model takes no reference).  0 or -ENOMEM. */
int model_add(struct model *m, json_object *rec);
/* Sort what needs sorting once every record is in. */
void model_finish(struct model *m);
void model_free(struct model *m);

#endif
