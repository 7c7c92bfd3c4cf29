/*
 * options.c - getopt_long over the command line of DESIGN.md §4.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "options.h"

enum {
	OPT_NO_SECCOMP = 256,
	OPT_DENY,
	OPT_KILL,
	OPT_RETURN,
	OPT_MAP_ERRNO,
	OPT_DEFAULT,
	OPT_UNAME,
	OPT_FAKE_ROOT_LOAD,
	OPT_FAKE_ROOT_SAVE,
	OPT_ROOTFS_ROOT,
	OPT_FORMAT,
	OPT_REPLAY,
	OPT_RELATIVE_TS,
	OPT_LEARN,
	OPT_LEARN_DEFAULT,
	OPT_EXPORT,
};

static const struct option _longopts[] = {
	{ "output",		required_argument, NULL, 'o' },
	{ "trace",		required_argument, NULL, 'e' },
	{ "string-limit",	required_argument, NULL, 's' },
	{ "quiet",		no_argument,	   NULL, 'q' },
	{ "summary",		no_argument,	   NULL, 'c' },
	{ "decode-fds",		no_argument,	   NULL, 'y' },
	{ "no-seccomp",		no_argument,	   NULL, OPT_NO_SECCOMP },
	{ "policy",		required_argument, NULL, 'P' },
	{ "deny",		required_argument, NULL, OPT_DENY },
	{ "kill",		required_argument, NULL, OPT_KILL },
	{ "return",		required_argument, NULL, OPT_RETURN },
	{ "map-errno",		required_argument, NULL, OPT_MAP_ERRNO },
	{ "default",		required_argument, NULL, OPT_DEFAULT },
	{ "uname",		required_argument, NULL, OPT_UNAME },
	{ "fake-root",		no_argument,	   NULL, '0' },
	{ "fake-root-load",	required_argument, NULL, OPT_FAKE_ROOT_LOAD },
	{ "fake-root-save",	required_argument, NULL, OPT_FAKE_ROOT_SAVE },
	{ "attach",		required_argument, NULL, 'p' },
	{ "root",		required_argument, NULL, 'r' },
	{ "bind",		required_argument, NULL, 'b' },
	{ "cwd",		required_argument, NULL, 'w' },
	{ "rootfs",		required_argument, NULL, 'R' },
	{ "rootfs-root",	required_argument, NULL, OPT_ROOTFS_ROOT },
	{ "format",		required_argument, NULL, OPT_FORMAT },
	{ "replay",		required_argument, NULL, OPT_REPLAY },
	{ "relative-timestamps", no_argument,	   NULL, OPT_RELATIVE_TS },
	{ "learn",		required_argument, NULL, OPT_LEARN },
	{ "learn-default",	required_argument, NULL, OPT_LEARN_DEFAULT },
	{ "export",		required_argument, NULL, OPT_EXPORT },
	{ "help",		no_argument,	   NULL, 'h' },
	{ "version",		no_argument,	   NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

static void _usage(FILE *f)
{
	fprintf(f,
"Usage: xlat [OPTION]... -- COMMAND [ARG]...\n"
"Run COMMAND under a ptrace + seccomp supervisor and write a JSON Lines\n"
"trace of its system calls (see xlat(1) and xlat-trace(5)).\n"
"\n"
"  -o, --output=FILE        write the trace to FILE ('-' for stdout); default stderr\n"
"  -e, --trace=SET          calls to record: names, %%classes, all, none, !SET\n"
"  -s, --string-limit=N     bytes kept of each string or buffer (default 32)\n"
"  -q, --quiet              record nothing\n"
"  -c, --summary            per-syscall counts, errors and time at exit\n"
"  -y, --decode-fds         show the path behind each fd argument\n"
"  -f                       accepted for strace habits: children are always followed\n"
"  -p, --attach=PID[,PID]   trace running processes (every thread), until they\n"
"                           end or xlat is interrupted (then it detaches)\n"
"      --no-seccomp         trap with PTRACE_SYSCALL only, no seccomp filter\n"
"\n"
"Text view (strace's line format; see xlat(1)):\n"
"      --format=FMT         json (the default) or text\n"
"      --replay=FILE        with --format=text: turn the saved trace FILE into\n"
"                           text lines (to -o FILE or stdout); no COMMAND\n"
"  -t, -tt, -ttt            stamp each line: time of day, with microseconds,\n"
"                           or seconds since the epoch\n"
"      --relative-timestamps\n"
"                           stamp each line with the time since the previous one\n"
"                           (strace -r)\n"
"  -T                       show the time spent in each call\n"
"\n"
"Policy (see xlat-policy(5)); sources combine in command-line order, first\n"
"matching rule wins:\n"
"  -P, --policy=FILE        rules from a JSON policy file\n"
"      --deny=SET[:ERRNO]   fail the calls in SET with ERRNO (default EPERM)\n"
"      --kill=SET           kill the process on a call in SET\n"
"      --return=SET:VALUE   skip the calls in SET, returning VALUE\n"
"      --map-errno=FROM:TO  a call failing with errno FROM fails with TO\n"
"      --default=ACTION     for calls no rule matches: allow, deny[:ERRNO], kill\n"
"      --uname=FIELD=VALUE  fake a uname(2) field (sysname, nodename,\n"
"                           release, version, machine, domainname)\n"
"  SET: syscall names, %%classes, all; comma-separated\n"
"\n"
"Translation:\n"
"  -0, --fake-root          the command sees root: ids, chown, chmod, mknod of\n"
"                           devices, owners of new files, root's access\n"
"      --fake-root-load=FILE\n"
"                           start from FILE, a fakeroot -s database (implies -0)\n"
"      --fake-root-save=FILE\n"
"                           save the database to FILE at the end, in fakeroot's\n"
"                           format (implies -0)\n"
"  -r, --root=DIR           DIR is the command's root directory (as chroot,\n"
"                           without privileges: paths are translated)\n"
"  -b, --bind=HOST[:GUEST]  make host path HOST visible at GUEST inside the\n"
"                           root (default: at HOST); repeatable\n"
"  -w, --cwd=DIR            the initial working directory, as the command sees it\n"
"  -R, --rootfs=DIR         -r DIR with the binds a guest system needs: /dev,\n"
"                           /proc, /sys, /tmp, /run, $HOME, /etc/resolv.conf,\n"
"                           /etc/hosts, /etc/nsswitch.conf, /etc/host.conf\n"
"                           (as proot -R)\n"
"      --rootfs-root=DIR    -R DIR and -0 (as proot -S)\n"
"\n"
"Learning (see xlat-policy(5), LEARNED POLICIES):\n"
"      --learn=FILE         write (or widen) FILE: the policy allowing what\n"
"                           the run did\n"
"      --learn-default=ACTION  its default: deny[:ERRNO] (deny:EPERM), kill, allow\n"
"      --export=oci-seccomp POLICY [-o OUT]\n"
"                           write POLICY as an OCI/Docker seccomp profile\n"
"\n"
"  -h, --help               this text\n"
"  -V, --version            the version\n"
"\n"
"Exit status: the command's; 125 if xlat fails, 126 if COMMAND cannot be run,\n"
"127 if it is not found.\n");
}

static int _parse_uint(const char *opt, const char *s, unsigned int *out)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || end == s || *end || v > INT_MAX || s[0] == '-') {
		fprintf(stderr, "xlat: %s: '%s' is not a number from 0 to %d\n",
			opt, s, INT_MAX);
		return -EINVAL;
	}
	*out = v;
	return 0;
}

static int _add_policy_arg(struct options *o, const char *opt, const char *arg)
{
	struct policy_arg *a;

	a = realloc(o->policy_args, (o->npolicy_args + 1) * sizeof(*a));
	if (!a)
		return -ENOMEM;
	a[o->npolicy_args].opt = opt;
	a[o->npolicy_args++].arg = arg;
	o->policy_args = a;
	return 0;
}

/* -p PID[,PID...] */
static int _add_attach(struct options *o, const char *arg)
{
	const char *s = arg;
	char *end;
	long v;
	pid_t *a;

	do {
		errno = 0;
		v = strtol(s, &end, 10);
		if (errno || end == s || v <= 0 || v > INT_MAX || (*end && *end != ',')) {
			fprintf(stderr, "xlat: -p %s: not a process id (PID[,PID...])\n", arg);
			return -EINVAL;
		}
		a = realloc(o->attach, (o->nattach + 1) * sizeof(*a));
		if (!a)
			return -ENOMEM;
		a[o->nattach++] = (pid_t)v;
		o->attach = a;
		s = end + 1;
	} while (*end == ',');
	return 0;
}

static int _add_bind(struct options *o, const char *arg)
{
	const char **b = realloc(o->binds, (o->nbinds + 1) * sizeof(*b));

	if (!b)
		return -ENOMEM;
	b[o->nbinds++] = arg;
	o->binds = b;
	return 0;
}

/* -e trace=SET, or -e SET as strace's shorthand. */
static int _add_trace_set(struct options *o, const char *arg)
{
	const char **sets;
	const char *eq = strchr(arg, '=');

	if (eq) {
		if (strncmp(arg, "trace=", 6) != 0) {
			fprintf(stderr, "xlat: -e %s: only trace=SET is supported "
				"(not '%.*s=')\n", arg, (int)(eq - arg), arg);
			return -EINVAL;
		}
		arg = eq + 1;
	}
	sets = realloc(o->trace_sets, (o->ntrace_sets + 1) * sizeof(*sets));
	if (!sets)
		return -ENOMEM;
	sets[o->ntrace_sets++] = arg;
	o->trace_sets = sets;
	return 0;
}

int options_parse(int argc, char **argv, struct options *o)
{
	int c, rc;

	memset(o, 0, sizeof(*o));
	o->string_limit = 32;
	opterr = 0;
	/* '+': stop at the first non-option, which starts the command. */
	while ((c = getopt_long(argc, argv, "+:o:e:s:qcyfhVP:0r:b:w:R:tTp:", _longopts, NULL)) != -1) {
		switch (c) {
		case 'o':
			o->output = optarg;
			break;
		case 'e':
			rc = _add_trace_set(o, optarg);
			if (rc)
				return rc;
			break;
		case 's':
			rc = _parse_uint("-s", optarg, &o->string_limit);
			if (rc)
				return rc;
			break;
		case 'q':
			o->quiet = true;
			break;
		case 'c':
			o->summary = true;
			break;
		case 'y':
			o->decode_fds = true;
			break;
		case 'f':
			o->follow = true;
			break;
		case 't':
			o->timestamps++;
			break;
		case 'T':
			o->durations = true;
			break;
		case OPT_RELATIVE_TS:
			o->relative_ts = true;
			break;
		case OPT_FORMAT:
			if (strcmp(optarg, "text") == 0)
				o->format_text = true;
			else if (strcmp(optarg, "json") == 0)
				o->format_text = false;
			else {
				fprintf(stderr, "xlat: --format=%s: the formats are json and text\n",
					optarg);
				return -EINVAL;
			}
			break;
		case OPT_REPLAY:
			o->replay = optarg;
			break;
		case OPT_NO_SECCOMP:
			o->no_seccomp = true;
			break;
		case 'P':
			rc = _add_policy_arg(o, "-P", optarg);
			if (rc)
				return rc;
			break;
		case OPT_DENY:
		case OPT_KILL:
		case OPT_RETURN:
		case OPT_MAP_ERRNO:
		case OPT_DEFAULT:
		case OPT_UNAME:
		case OPT_FAKE_ROOT_LOAD:
		case OPT_FAKE_ROOT_SAVE: {
			static const char *const names[] = {
				"--deny", "--kill", "--return", "--map-errno",
				"--default", "--uname", "--fake-root-load",
				"--fake-root-save",
			};
			rc = _add_policy_arg(o, names[c - OPT_DENY], optarg);
			if (rc)
				return rc;
			break;
		}
		case '0':
			rc = _add_policy_arg(o, "--fake-root", "");
			if (rc)
				return rc;
			break;
		case 'r':
			o->root = optarg;
			break;
		case 'b':
			rc = _add_bind(o, optarg);
			if (rc)
				return rc;
			break;
		case 'w':
			o->cwd = optarg;
			break;
		case 'p':
			rc = _add_attach(o, optarg);
			if (rc)
				return rc;
			break;
		case OPT_ROOTFS_ROOT:
			rc = _add_policy_arg(o, "--fake-root", "");
			if (rc)
				return rc;
			/* FALLTHROUGH */
		case 'R':
			o->root = optarg;
			o->rootfs = true;
			break;
		case OPT_LEARN:
			o->learn = optarg;
			break;
		case OPT_LEARN_DEFAULT:
			o->learn_default = optarg;
			break;
		case OPT_EXPORT:
			if (strcmp(optarg, "oci-seccomp") != 0) {
				fprintf(stderr, "xlat: --export=%s: unknown format "
					"(oci-seccomp)\n", optarg);
				return -EINVAL;
			}
			o->export_fmt = optarg;
			break;
		case 'h':
			_usage(stdout);
			return 1;
		case 'V':
			printf("xlat %s\n", PACKAGE_VERSION);
			return 1;
		case ':':
			fprintf(stderr, "xlat: option '%s' needs an argument\n",
				argv[optind - 1]);
			return -EINVAL;
		default:
			if (optopt)
				fprintf(stderr, "xlat: unknown option '-%c'\n", optopt);
			else
				fprintf(stderr, "xlat: unknown option '%s'\n",
					argv[optind - 1]);
			fprintf(stderr, "Try 'xlat --help'.\n");
			return -EINVAL;
		}
	}
	if (o->replay) {
		if (!o->format_text) {
			fprintf(stderr, "xlat: --replay needs --format=text\n");
			return -EINVAL;
		}
		if (optind < argc) {
			fprintf(stderr, "xlat: --replay reads a saved trace; no command is run "
				"(got '%s')\n", argv[optind]);
			return -EINVAL;
		}
		return 0;
	}
	if (o->timestamps > 3)
		o->timestamps = 3;
	if (o->export_fmt && argc - optind != 1) {
		fprintf(stderr, "xlat: --export needs one policy file\nTry 'xlat --help'.\n");
		return -EINVAL;
	}
	if (o->nattach) {
		/* Attach or spawn: one of them (strace does both; the trace
		   and the exit status would not say whose). */
		if (optind < argc) {
			fprintf(stderr, "xlat: -p attaches to running processes; a command "
				"('%s') cannot be given with it\n", argv[optind]);
			return -EINVAL;
		}
		if (o->root || o->nbinds || o->cwd) {
			fprintf(stderr, "xlat: -p cannot be combined with -r, -b or -w "
				"(a running process keeps its own view)\n");
			return -EINVAL;
		}
		o->command = argv + optind;
		return 0;
	}
	if (optind >= argc) {
		fprintf(stderr, "xlat: no command given\nTry 'xlat --help'.\n");
		return -EINVAL;
	}
	o->command = argv + optind;
	return 0;
}
