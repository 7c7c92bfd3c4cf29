/*
 * xlat.c - main: options -> selection -> filter -> spawn -> event loop ->
 * exit status, as DESIGN.md §1 draws it.  Nothing else lives here.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "attach.h"
#include "cpushare.h"
#include "decode/decode.h"
#include "format/textview.h"
#include "export/oci.h"
#include "learn/learn.h"
#include "filter.h"
#include "loop.h"
#include "options.h"
#include "policy.h"
#include "select.h"
#include "signals.h"
#include "notify.h"
#include "spawn.h"
#include "summary.h"
#include "trace.h"
#include "tracee.h"
#include "untraced.h"
#include "translate/translate.h"
#include "tables/sysent.h"

#define EXIT_XLAT 125		/* xlat itself failed */

/* The text view's options, from the command line. */
static void _text_opts(const struct options *o, struct text_opts *t)
{
	t->string_limit = o->string_limit;
	t->stamps = o->timestamps;
	t->relative = o->relative_ts;
	t->durations = o->durations;
	/* strace -f -o FILE starts every line with the pid. */
	t->pid_column = o->follow && (o->output || o->replay);
}

static void _warn(const char *msg)
{
	fprintf(stderr, "xlat: %s\n", msg);
}

/* --format=text --replay=FILE: the saved trace as text lines. */
static int _replay(const struct options *o)
{
	struct text_opts t;
	long bad;
	int fd = STDOUT_FILENO;

	_text_opts(o, &t);
	if (o->output && strcmp(o->output, "-") != 0) {
		fd = open(o->output, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
		if (fd < 0) {
			fprintf(stderr, "xlat: cannot open '%s': %s\n", o->output, strerror(errno));
			return EXIT_XLAT;
		}
	}
	bad = textview_replay(o->replay, fd, &t, _warn);
	if (bad < 0) {
		fprintf(stderr, "xlat: %s: %s\n", o->replay, strerror(-bad));
		return EXIT_XLAT;
	}
	if (bad)
		fprintf(stderr, "xlat: %s: %ld line%s could not be read; the rest is shown\n",
			o->replay, bad, bad == 1 ? "" : "s");
	return bad ? 1 : 0;
}

static int _user_rules(const struct policy *p)
{
	int i, n = 0;

	for (i = 0; i < p->nrules; i++)
		n += !p->rules[i].implicit;
	return n;
}

static void _start_record(const struct session *s)
{
	struct utsname u;
	char cwd[PATH_MAX], when[64];
	struct tm tm;
	time_t now = time(NULL);
	struct jbuf *b;
	char **a;

	b = trace_begin("start", 0, 0);
	jb_key(b, "version");
	jb_str(b, PACKAGE_VERSION);
	jb_key(b, "schema");
	jb_int(b, 1);
	jb_key(b, "command");
	jb_arr_begin(b);
	for (a = s->opt->command; *a; a++)
		jb_str(b, *a);
	jb_arr_end(b);
	if (s->opt->nattach) {
		/* -p: every call stops (no filter from outside). */
		int i;

		jb_key(b, "attached");
		jb_arr_begin(b);
		for (i = 0; i < s->opt->nattach; i++)
			jb_int(b, s->opt->attach[i]);
		jb_arr_end(b);
	}
	jb_key(b, "cwd");
	if (getcwd(cwd, sizeof(cwd)))
		jb_str(b, cwd);
	else
		jb_null(b);
	gmtime_r(&now, &tm);
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
	jb_key(b, "time");
	jb_str(b, when);
	jb_key(b, "epoch");
	jb_secs(b, trace_start_epoch_us());
	uname(&u);
	jb_key(b, "arch");
	jb_str(b, u.machine);
	jb_key(b, "kernel");
	jb_str(b, u.release);
	jb_key(b, "seccomp");
	jb_bool(b, s->seccomp);
	jb_key(b, "policy");
	jb_obj_begin(b);
	jb_key(b, "default");
	jb_str(b, s->pol ? pol_action_names[s->pol->def] : "allow");
	jb_key(b, "rules");
	jb_int(b, s->pol ? _user_rules(s->pol) : 0);
	jb_obj_end(b);
	trace_end();
}

static void _end_record(const struct session *s, int status)
{
	struct jbuf *b = trace_begin("end", 0, 0);
	struct notify_counts nc;

	jb_key(b, "status");
	jb_obj_begin(b);
	decode_exit_status(b, status);
	jb_obj_end(b);
	if (s->detached) {
		jb_key(b, "detached");
		jb_bool(b, true);
	}
	jb_key(b, "counts");
	jb_obj_begin(b);
	jb_key(b, "syscalls");
	jb_uint(b, s->n.syscalls);
	jb_key(b, "stops");
	jb_uint(b, s->n.stops);
	notify_counts(&nc);
	if (nc.calls) {
		jb_key(b, "notified");
		jb_uint(b, nc.calls);
	}
	jb_key(b, "events");
	jb_uint(b, s->n.events);
	jb_key(b, "processes");
	jb_uint(b, s->n.processes);
	jb_key(b, "threads");
	jb_uint(b, s->n.threads);
	jb_key(b, "signals");
	jb_uint(b, s->n.signals);
	jb_key(b, "records");
	jb_uint(b, trace_records() + 1);
	jb_key(b, "dropped");
	jb_uint(b, trace_dropped());
	jb_obj_end(b);
	if (s->opt->summary) {
		jb_key(b, "summary");
		summary_json(b);
	}
	trace_end();
}

/* The policy from -P files and shorthands, in command-line order, plus
   the rules of the security stance.  0 or -EINVAL (message printed). */
static int _policy(struct session *s, struct policy *pol)
{
	const struct options *o = s->opt;
	int i, rc = 0;

	policy_init(pol);
	for (i = 0; !rc && i < o->npolicy_args; i++) {
		if (strcmp(o->policy_args[i].opt, "-P") == 0)
			rc = policy_load(pol, o->policy_args[i].arg);
		else
			rc = policy_shorthand(pol, o->policy_args[i].opt, o->policy_args[i].arg);
	}
	if (!rc)
		rc = policy_finish(pol);
	if (rc == -ENOMEM)
		snprintf(pol->err, sizeof(pol->err), "out of memory");
	if (rc) {
		fprintf(stderr, "xlat: %s\n", pol->err);
		return -EINVAL;
	}
	s->pol = pol;
	return 0;
}

/* The binds of -R (proot -R's): those the host has. */
static const char *const _rootfs_binds[] = {
	"/dev", "/proc", "/sys", "/tmp", "/run", "$HOME", "/etc/resolv.conf",
	"/etc/hosts", "/etc/nsswitch.conf", "/etc/host.conf",
};

/* -r, -b, -w: the guest's view, and the host directory the command starts
   in (cwd, empty to stay where xlat is).  0 or -EINVAL (message printed). */
static int _view(const struct options *o, struct path_view *v, char *cwd, size_t n)
{
	char here[PATH_MAX], g[PATH_MAX], *host, *colon;
	const char *guest;
	struct stat st;
	unsigned int i;
	int k, rc;

	cwd[0] = '\0';
	if (o->root) {
		rc = path_view_root(v, o->root);
		if (rc) {
			fprintf(stderr, "xlat: -r %s: %s\n", o->root,
				rc == -ENOTDIR ? "not a directory" : strerror(-rc));
			return -EINVAL;
		}
	}
	for (i = 0; o->rootfs && i < sizeof(_rootfs_binds) / sizeof(_rootfs_binds[0]); i++) {
		const char *b = _rootfs_binds[i];

		if (strcmp(b, "$HOME") == 0 && !(b = getenv("HOME")))
			continue;
		if (access(b, F_OK) == 0 && path_view_bind(v, b, NULL) == -ENOMEM)
			return -EINVAL;
	}
	for (k = 0; k < o->nbinds; k++) {
		host = strdup(o->binds[k]);
		if (!host)
			return -EINVAL;
		colon = strchr(host, ':');
		guest = NULL;
		if (colon) {
			*colon = '\0';
			guest = colon + 1;
		}
		rc = host[0] ? path_view_bind(v, host, guest) : -ENOENT;
		if (rc)
			fprintf(stderr, "xlat: -b %s: %s\n", o->binds[k],
				rc == -EINVAL ? "the guest path must be absolute" :
				rc == -ENOENT ? "the host path does not exist" : strerror(-rc));
		free(host);
		if (rc)
			return -EINVAL;
	}
	if (!path_view_active(v))
		return 0;
	/* The guest path of where xlat is, if the guest can see it; else /. */
	if (o->cwd) {
		if (o->cwd[0] != '/') {
			fprintf(stderr, "xlat: -w %s: the directory must be an absolute guest path\n", o->cwd);
			return -EINVAL;
		}
		snprintf(g, sizeof(g), "%s", o->cwd);
	} else if (!getcwd(here, sizeof(here)) || path_to_guest(v, here, g, sizeof(g)) < 0) {
		snprintf(g, sizeof(g), "/");
	}
	{
		struct path_res r;

		rc = path_resolve(v, getpid(), getpid(), -100, false, g, 0, &r);
		if (rc || stat(r.host, &st) < 0 || !S_ISDIR(st.st_mode)) {
			fprintf(stderr, "xlat: -w %s: no such directory in the guest\n", g);
			return -EINVAL;
		}
		snprintf(cwd, n, "%s", r.host);
	}
	return 0;
}

/* --export: the policy file as a profile, warnings on stderr. */
static int _export(const struct options *o)
{
	char warn[16384], err[1024];
	const char *w, *nl;

	if (export_oci(o->command[0], o->output, warn, sizeof(warn), err, sizeof(err)) < 0) {
		fprintf(stderr, "xlat: %s\n", err);
		return EXIT_XLAT;
	}
	for (w = warn; *w; w = nl + 1) {
		nl = strchr(w, '\n');
		fprintf(stderr, "xlat: warning: %s: %.*s\n", o->command[0], (int)(nl - w), w);
	}
	return 0;
}

/* --learn: the store, widened by what FILE allowed before; FILE must be
   writable before the command runs.  0 or -EINVAL (message printed). */
static int _learn_start(struct session *s)
{
	const struct options *o = s->opt;
	char err[1024];
	int rc = 0;

	s->learn = learn_new();
	if (!s->learn) {
		fprintf(stderr, "xlat: out of memory\n");
		return -EINVAL;
	}
	if (o->learn_default)
		rc = learn_set_default(s->learn, o->learn_default, err, sizeof(err));
	if (!rc)
		rc = learn_merge(s->learn, o->learn, err, sizeof(err));
	if (!rc)
		rc = learn_can_write(o->learn, err, sizeof(err));
	if (rc) {
		fprintf(stderr, "xlat: %s\n", err);
		return -EINVAL;
	}
	return 0;
}

/* Which calls stop at entry: the recorded ones, execve for the path of
   the exec record, and those the translators need. */
static int _trap_set(struct session *s)
{
	unsigned int id;

	s->trap = calloc(sysent_count, sizeof(*s->trap));
	s->trap_if = calloc(sysent_count, sizeof(*s->trap_if));
	s->notify = calloc(sysent_count, sizeof(*s->notify));
	if (!s->trap || !s->trap_if || !s->notify)
		return -ENOMEM;
	for (id = 0; id < sysent_count; id++) {
		if (s->record || s->opt->summary)
			s->trap[id] = s->sel.ids[id];
		if (s->record && (id == SYSID_execve || id == SYSID_execveat))
			s->trap[id] = true;
		/* -r/-b: every call that takes a path is translated. */
		if (path_view_active(&s->pol->view) && (sysent_table[id].classes & CLS_FILE))
			s->trap[id] = true;
		/* --learn sees every call, recorded or not. */
		if (s->learn)
			s->trap[id] = true;
	}
	/* A lone tracee may share a CPU with xlat where no open of it can
	   escape notice (cpushare.h). */
	cpushare_init(!s->opt->nattach &&
		      (!s->seccomp || (s->trap[SYSID_open] && s->trap[SYSID_openat] &&
				       s->trap[SYSID_openat2])));
	if (s->pol)
		translate_need(s->pol, s->trap, s->trap_if, s->notify);
	return 0;
}

/* The command's filter, and when some calls go to the listener, the one
   it loads where it cannot have a listener (spawn_notify).  0, or -1 with
   errno set. */
static int _filters(struct session *s, scmp_filter_ctx *filter,
		    scmp_filter_ctx *fallback)
{
	/* Numbers the tables do not know stop when recorded, or when the
	   global errno map must see their failures. */
	bool unknown = ((s->record || s->opt->summary) && s->sel.unknown) || s->pol->nmap;
	unsigned int id;

	for (id = 0; id < sysent_count && !s->notify[id]; id++)
		;
	*fallback = NULL;
	*filter = filter_build(s->pol, s->trap, s->trap_if, s->notify, unknown);
	if (*filter && id < sysent_count) {
		/* Without a listener those calls stop in the tracer. */
		for (id = 0; id < sysent_count; id++)
			s->trap[id] |= s->notify[id];
		*fallback = filter_build(s->pol, s->trap, s->trap_if, NULL, unknown);
		if (!*fallback) {
			seccomp_release(*filter);
			*filter = NULL;
		}
		spawn_notify(*fallback);
	}
	return *filter ? 0 : -1;
}

/* Nothing recorded and no call stops in the supervisor: the filter alone
   does all there is to do, and the command runs untraced. */
static bool _untraced(const struct session *s)
{
	unsigned int id;
	int abi;

	if (s->record || s->opt->summary || !s->seccomp || s->pol->nmap || s->learn)
		return false;
	for (id = 0; id < sysent_count; id++) {
		if (s->trap[id] || s->trap_if[id].bits || s->notify[id])
			return false;
		for (abi = 0; abi < ABI_COUNT; abi++)
			if (sysent_nr(abi, id) >= 0 && filter_must_trap(s->pol, abi, id))
				return false;
	}
	return true;
}

/* exit and exit_group are recorded at the exit event (never trapped). */
static bool _exit_events(const struct session *s)
{
	return (s->record || s->opt->summary) &&
	       (select_has(&s->sel, SYSID_exit) || select_has(&s->sel, SYSID_exit_group));
}

/* -p: seize the processes, follow them until they end or xlat is told to
   let them go.  xlat's status: 0, or 125 when it could not attach. */
static int _attach_run(struct session *s, char *msg, size_t n)
{
	const struct options *o = s->opt;
	struct attached *th;
	int nth, rc, status = 0;

	/* No PTRACE_O_EXITKILL: they are not ours to take down with us. */
	rc = attach_seize(o->attach, o->nattach,
			  loop_ptrace_options(_exit_events(s)) & ~(unsigned long)PTRACE_O_EXITKILL,
			  &th, &nth, msg, n);
	if (rc < 0) {
		fprintf(stderr, "xlat: %s\n", msg);
		status = EXIT_XLAT << 8;
	} else {
		s->threads = th;
		s->nthreads = nth;
		s->main_pid = o->attach[0];
		rc = loop_run(s);
		if (rc < 0) {
			fprintf(stderr, "xlat: the event loop failed: %s\n", strerror(-rc));
			status = EXIT_XLAT << 8;
		}
	}
	if (translate_finish(s->pol, msg, n) < 0) {
		fprintf(stderr, "xlat: %s\n", msg);
		status = EXIT_XLAT << 8;
	}
	if (s->record) {
		_end_record(s, status);
		trace_close();
	}
	if (o->summary)
		summary_print(stderr);
	return WEXITSTATUS(status);
}

int main(int argc, char **argv)
{
	static struct options opt;
	static struct session s;
	static struct policy pol;
	char path[PATH_MAX], msg[PATH_MAX + 64], hostcwd[PATH_MAX];
	scmp_filter_ctx filter = NULL, fallback = NULL;
	enum spawn_mode mode;
	int rc, status, code;
	pid_t pid;

	rc = options_parse(argc, argv, &opt);
	if (rc)
		return rc > 0 ? 0 : EXIT_XLAT;
	if (opt.replay)
		return _replay(&opt);
	if (opt.export_fmt)
		return _export(&opt);
	s.opt = &opt;
	s.record = !opt.quiet;
	/* -p: no filter can be given to a running process; every call stops. */
	s.seccomp = !opt.no_seccomp && !opt.nattach;
	if (select_parse(&s.sel, opt.trace_sets, opt.ntrace_sets) < 0)
		return EXIT_XLAT;
	if (_policy(&s, &pol) < 0 || _view(&opt, &pol.view, hostcwd, sizeof(hostcwd)) < 0)
		return EXIT_XLAT;
	if (opt.learn && _learn_start(&s) < 0)
		return EXIT_XLAT;
	if (translate_start(s.pol, msg, sizeof(msg)) < 0) {
		fprintf(stderr, "xlat: %s\n", msg);
		return EXIT_XLAT;
	}
	if (_trap_set(&s) < 0 || tracee_init() < 0 || (opt.summary && summary_init() < 0)) {
		fprintf(stderr, "xlat: out of memory\n");
		return EXIT_XLAT;
	}

	spawn_chdir(hostcwd);
	rc = opt.nattach ? 0 : spawn_resolve(&pol.view, opt.command[0], path, sizeof(path));
	if (rc < 0) {
		fprintf(stderr, "xlat: %s: %s\n", opt.command[0],
			rc == -ENOENT ? "command not found" : strerror(-rc));
		return rc == -ENOENT ? 127 : 126;
	}
	if (s.seccomp && _filters(&s, &filter, &fallback) < 0) {
		fprintf(stderr, "xlat: cannot build the seccomp filter: %s\n", strerror(errno));
		return EXIT_XLAT;
	}
	translate_set_filtered(s.seccomp);
	trace_set_start();
	if (s.record) {
		rc = trace_open(opt.output);
		if (rc < 0) {
			fprintf(stderr, "xlat: cannot open trace file '%s': %s\n",
				opt.output, strerror(-rc));
			if (filter)
				seccomp_release(filter);
			return EXIT_XLAT;
		}
		if (opt.format_text) {
			struct text_opts t;

			_text_opts(&opt, &t);
			if (textview_live(&t) < 0) {
				fprintf(stderr, "xlat: out of memory\n");
				return EXIT_XLAT;
			}
		}
		_start_record(&s);
	}

	signals_setup(opt.nattach > 0);
	if (opt.nattach)
		return _attach_run(&s, msg, sizeof(msg));
	mode = !s.seccomp ? SPAWN_TRACED_STOPPED :
	       _untraced(&s) ? SPAWN_UNTRACED : SPAWN_TRACED;
	rc = mode == SPAWN_UNTRACED ? untraced_prepare() : 0;
	pid = rc < 0 ? rc : spawn_start(path, opt.command, filter, mode,
					loop_ptrace_options(_exit_events(&s)));
	/* The child has its own copy of the filter now, or failed. */
	if (filter)
		seccomp_release(filter);
	if (fallback)
		seccomp_release(fallback);
	if (pid >= 0 && fallback && notify_start(s.pol, spawn_listener) < 0)
		fprintf(stderr, "xlat: warning: no thread for the filter's listener\n");
	if (pid < 0) {
		fprintf(stderr, "xlat: cannot start '%s'%s: %s\n", opt.command[0],
			mode == SPAWN_UNTRACED ? "" : " under ptrace", strerror(-pid));
		if (s.record) {
			_end_record(&s, EXIT_XLAT << 8);
			trace_close();
		}
		return EXIT_XLAT;
	}
	s.main_pid = pid;
	signals_set_target(pid);

	rc = mode == SPAWN_UNTRACED ? untraced_run(&s) : loop_run(&s);
	if (rc < 0)
		fprintf(stderr, "xlat: the event loop failed: %s\n", strerror(-rc));

	status = s.main_done ? s.main_status : EXIT_XLAT << 8;
	code = spawn_failure(msg, sizeof(msg));
	if (code >= 0) {
		fprintf(stderr, "xlat: %s\n", msg);
		status = code << 8;
	}
	if (translate_finish(s.pol, msg, sizeof(msg)) < 0) {
		fprintf(stderr, "xlat: %s\n", msg);
		status = EXIT_XLAT << 8;
	}
	if (s.learn && learn_write(s.learn, opt.learn, opt.command, msg, sizeof(msg)) < 0) {
		fprintf(stderr, "xlat: %s\n", msg);
		status = EXIT_XLAT << 8;
	}
	if (s.record) {
		_end_record(&s, status);
		trace_close();
	}
	if (opt.summary)
		summary_print(stderr);
	if (WIFSIGNALED(status))
		signals_die(WTERMSIG(status));
	return WEXITSTATUS(status);
}
