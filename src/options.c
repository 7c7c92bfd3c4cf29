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
"      --no-seccomp         trap with PTRACE_SYSCALL only, no seccomp filter\n"
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
	while ((c = getopt_long(argc, argv, "+:o:e:s:qcyfhVP:0", _longopts, NULL)) != -1) {
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
	if (optind >= argc) {
		fprintf(stderr, "xlat: no command given\nTry 'xlat --help'.\n");
		return -EINVAL;
	}
	o->command = argv + optind;
	return 0;
}
