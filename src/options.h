/*
 * options.h - the command line, parsed into one struct options.
 */
#ifndef XLAT_OPTIONS_H
#define XLAT_OPTIONS_H

#include <stdbool.h>
#include <sys/types.h>

struct options {
	const char *output;		/* -o: NULL stderr, "-" stdout */
	const char **trace_sets;	/* -e trace=SET, in order */
	int ntrace_sets;
	unsigned int string_limit;	/* -s */
	bool quiet;			/* -q */
	bool summary;			/* -c */
	bool decode_fds;		/* -y */
	bool no_seccomp;		/* --no-seccomp */
	bool follow;			/* -f (strace's pid column with -o) */
	/* The view (--format=text): strace's lines instead of JSON. */
	bool format_text;		/* --format=text */
	const char *replay;		/* --replay=FILE: a saved trace, no command */
	int timestamps;			/* -t, -tt, -ttt (counted) */
	bool relative_ts;		/* --relative-timestamps (strace -r) */
	bool durations;			/* -T */
	/* Policy sources in command-line order: -P FILE and the shorthands
	   (--deny, --kill, --return, --map-errno, --default, --uname,
	   --fake-root for -0, --fake-root-load, --fake-root-save). */
	struct policy_arg { const char *opt, *arg; } *policy_args;
	int npolicy_args;
	/* Path translation: -r DIR, -b HOST[:GUEST] in order, -w DIR;
	   -R/--rootfs-root DIR set root and the preset binds (rootfs). */
	const char *root;
	const char **binds;
	int nbinds;
	const char *cwd;
	bool rootfs;			/* -R or --rootfs-root: the preset binds */
	const char *learn;		/* --learn=FILE */
	const char *learn_default;	/* --learn-default=ACTION[:ERRNO] */
	const char *export_fmt;		/* --export=oci-seccomp: command[0] is the policy */
	pid_t *attach;			/* -p PID[,PID...], repeatable */
	int nattach;
	char **command;			/* argv of the command, NULL-terminated */
};

/* Parse argv; on a usage error print a message and return -EINVAL.
   Returns 1 when --help or --version was handled (exit 0). */
int options_parse(int argc, char **argv, struct options *o);

#endif
