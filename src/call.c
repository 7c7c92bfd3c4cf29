/*
 * call.c - the per-call pipeline (DESIGN.md §1).  Everything that happens
 * to one system call at its stops lives here, as two ordered lists of
 * steps over one per-call state (struct call):
 *
 *   entry:  read the call -> resolve and pin its paths -> the policy's
 *           verdict -> the translators' enter hooks -> fail closed ->
 *           decode the arguments -> resume: let it run (with or without
 *           an exit stop), skip it with a result (one stop), or kill
 *   exit:   the translators' exit hooks (result rewriting, errno map) ->
 *           the record (out-arguments decoded) -> resume
 *
 * A step returns true to go on to the next, false when the stop is done
 * (c->next says how the loop goes on).  The pipeline calls the layers
 * below it (regs, mem, scratch, policy, translate, decode, trace) and never
 * the event loop: when placing the scratch area brings another stop, that
 * stop goes back to the loop as CALL_RESTOPPED.  It names no translator.
 */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/wait.h>

#include "call.h"
#include "path.h"
#include "decode/decode.h"
#include "filter.h"
#include "learn/learn.h"
#include "mem.h"
#include "regs.h"
#include "scratch.h"
#include "summary.h"
#include "trace.h"
#include "translate/translate.h"

/* One call at one stop. */
struct call {
	struct session *s;
	struct tracee *t;
	struct cursys *cs;
	struct scinfo si;
	bool was_setup;		/* xlat's own child code made the call */
	struct xcall x;		/* what the translators see */
	int h;			/* XH_* bits: the translators' and ours */
	int refuse;		/* -errno the call must fail with, or 0 */
	const char *guest[6];	/* by argument: the resolved guest path */
	const char *host[6];	/* and the host path the kernel uses */
	enum call_next next;
	int status;		/* CALL_RESTOPPED: the new stop's status */
};

/* --- records ------------------------------------------------------------- */

/* The record's name: the table's, the x32 table's, or strace's
   syscall_0x... for a number no table knows. */
static const char *_syscall_name(const struct cursys *cs, const struct sysent *se,
				 char *buf, size_t n)
{
	int x;

	if (se)
		return se->name;
	if (cs->x32 && (x = sysent_x32_id((unsigned long)cs->nr)) >= 0)
		return sysent_table[x].name;
	snprintf(buf, n, "syscall_%#llx", (unsigned long long)(uint32_t)cs->raw_nr);
	return buf;
}

static void _dctx_init(struct session *s, struct tracee *t, struct dctx *c)
{
	memset(c, 0, sizeof(*c));
	c->tid = t->tid;
	c->abi = t->cur.abi;
	c->se = t->cur.x32 ? NULL : sysent_get(t->cur.abi, t->cur.nr);
	c->args = t->cur.args;
	c->strlimit = s->opt->string_limit;
	c->decode_fds = s->opt->decode_fds;
	c->truncated = &t->cur.truncated;
}

/* At entry: decode the input arguments into the tracee's argbuf. */
static void _decode_entry(struct session *s, struct tracee *t)
{
	struct cursys *cs = &t->cur;
	struct dctx c;
	int i;

	uint64_t shown[6];

	_dctx_init(s, t, &c);
	jb_reset(&cs->argbuf);
	cs->truncated = 0;
	cs->hostoff = cs->hostend = 0;
	if (!c.se)
		return;
	/* Translated paths are shown as the guest wrote them. */
	memcpy(shown, cs->args, sizeof(shown));
	for (i = 0; i < 6; i++)
		if (cs->xlated & (1u << i))
			shown[i] = cs->orig[i];
	c.args = shown;
	for (i = 0; i < c.se->nargs; i++) {
		cs->argoff[i] = cs->argend[i] = 0;
		if (decode_at_exit(c.se, i) && !decode_inout(c.se, i))
			continue;
		cs->argbuf.need_comma[0] = false;
		cs->argoff[i] = cs->argbuf.len;
		decode_arg(&c, i, &cs->argbuf);
		cs->argend[i] = cs->argbuf.len;
	}
}

/* "out": the in/out arguments decoded at entry, as the kernel left them. */
static void _emit_out(struct dctx *c, struct jbuf *b)
{
	bool open = false;
	int i;

	for (i = 0; i < c->se->nargs; i++) {
		if (!decode_inout(c->se, i))
			continue;
		if (!open) {
			jb_key(b, "out");
			jb_obj_begin(b);
			open = true;
		}
		jb_key(b, c->se->args[i].name);
		decode_arg(c, i, b);
	}
	if (open)
		jb_obj_end(b);
}

/* Write the record of the call t is (or was) inside of. */
static void _emit_syscall(struct session *s, struct tracee *t, bool returned,
			  int64_t rval, bool is_error)
{
	struct cursys *cs = &t->cur;
	int64_t now = trace_now_us();
	struct jbuf *b;
	struct dctx c;
	char nbuf[32];
	const char *ename;
	int i;

	if (s->opt->summary)
		summary_add(cs->id, cs->abi, returned && is_error, now - cs->t0_us);
	if (!s->record)
		return;
	_dctx_init(s, t, &c);
	c.exiting = returned;
	c.rval = rval;
	c.is_error = is_error;

	b = trace_begin("syscall", t->pid, t->tid);
	jb_key(b, "abi");
	jb_str(b, cs->x32 ? "x32" : abi_names[cs->abi]);
	jb_key(b, "nr");
	jb_int(b, cs->raw_nr);
	jb_key(b, "name");
	jb_str(b, _syscall_name(cs, c.se, nbuf, sizeof(nbuf)));
	jb_key(b, "args");
	jb_obj_begin(b);
	if (c.se) {
		for (i = 0; i < c.se->nargs; i++) {
			jb_key(b, c.se->args[i].name);
			if (cs->argend[i])
				jb_raw(b, cs->argbuf.s + cs->argoff[i],
				       cs->argend[i] - cs->argoff[i]);
			else
				decode_arg(&c, i, b);
		}
	} else {
		decode_raw_args(cs->args, b);
	}
	jb_obj_end(b);
	if (cs->hostend) {
		jb_key(b, "host");
		jb_raw(b, cs->argbuf.s + cs->hostoff, cs->hostend - cs->hostoff);
	}
	if (returned && !is_error && !cs->skipped && c.se)
		_emit_out(&c, b);
	jb_key(b, "ret");
	if (!returned) {
		jb_null(b);
	} else {
		decode_ret(&c, b);
		decode_ret_path(&c, b);
	}
	if (returned && is_error) {
		ename = xlat_name(XT_errno, (uint64_t)-rval);
		jb_key(b, "errno");
		if (ename)
			jb_str(b, ename);
		else
			jb_int(b, -rval);
	}
	jb_key(b, "dur");
	jb_secs(b, now - cs->t0_us);
	jb_key(b, "action");
	jb_str(b, cs->shown ? cs->shown : "allow");
	if (s->pol && cs->rule >= 0 && s->pol->rules[cs->rule].number >= 0) {
		jb_key(b, "rule");
		jb_int(b, s->pol->rules[cs->rule].number);
	}
	if (cs->pinned && c.se) {
		jb_key(b, "orig");
		jb_obj_begin(b);
		for (i = 0; i < c.se->nargs; i++) {
			if (!(cs->pinned & (1u << c.se->args[i].reg)))
				continue;
			jb_key(b, c.se->args[i].name);
			jb_hex(b, cs->orig[c.se->args[i].reg]);
		}
		jb_obj_end(b);
	}
	if (cs->truncated && c.se) {
		jb_key(b, "truncated");
		jb_arr_begin(b);
		for (i = 0; i < c.se->nargs; i++)
			if (cs->truncated & (1u << i))
				jb_str(b, c.se->args[i].name);
		jb_arr_end(b);
	}
	trace_end();
	s->n.syscalls++;
}

static bool _is_exec(int id)
{
	return id == SYSID_execve || id == SYSID_execveat;
}

/* Remember the path of an execve in flight, for the exec record. */
static void _note_exec_path(struct tracee *t, const struct scinfo *si, int id)
{
	char buf[4096];
	uint64_t addr;
	bool complete;
	ssize_t n;

	addr = id == SYSID_execveat ? si->args[1] : si->args[0];
	n = mem_read_str(t->tid, addr, buf, sizeof(buf) - 1, &complete);
	free(t->exec_path);
	t->exec_path = n >= 0 ? strndup(buf, n) : NULL;
}

static void _xcall(struct session *s, struct tracee *t, struct xcall *x)
{
	struct cursys *cs = &t->cur;

	x->tid = t->tid;
	x->pid = t->pid;
	x->abi = cs->abi;
	x->id = cs->id;
	memcpy(x->args, cs->args, sizeof(x->args));
	memcpy(x->given, cs->args, sizeof(x->given));
	for (int i = 0; i < 6; i++)
		if (cs->pinned & (1u << i))
			x->given[i] = cs->orig[i];
	x->pol = s->pol;
	x->rule = cs->rule;
	x->action = cs->action;
	x->ret = 0;
	x->rewrote = 0;
	x->status = 0;
	memset(x->host, 0, sizeof(x->host));
}

static const char *const _shown[] = {
	[PA_ALLOW] = "allow", [PA_DENY] = "deny", [PA_KILL] = "kill",
	[PA_RETURN] = "return", [PA_TRACE] = "allow",
};

/* --- entry steps --------------------------------------------------------- */

/* Read the call: its ABI, number, neutral id and arguments.  Calls made
   before the command is exec'd, and those of an arch no table knows, go
   no further. */
static bool _read(struct call *c)
{
	struct session *s = c->s;
	struct tracee *t = c->t;
	struct cursys *cs = c->cs;
	const struct scinfo *si = &c->si;
	bool bad = si->abi < 0 || si->x32 || si->nr < 0;
	int id = bad ? -1 : sysent_id(si->abi, si->nr);

	c->was_setup = t->setup;
	if (si->abi < 0 || (si->x32 && s->pol && policy_active(s->pol))) {
		/* A restricting policy's filter kills these; without the
		   filter, so does the supervisor.  An unknown arch cannot be
		   read: let it be. */
		if (s->pol && policy_active(s->pol)) {
			kill(t->pid, SIGKILL);
			c->next = CALL_LEFT;
		}
		return false;
	}
	if (_is_exec(id)) {
		_note_exec_path(t, si, id);
		t->setup = false;
	}
	if (t->setup) {
		/* Our child's own calls before it executes the command. */
		t->in_syscall = !s->seccomp;
		cs->record = false;
		return false;
	}
	cs->abi = si->abi;
	cs->nr = si->nr;
	cs->raw_nr = si->raw_nr;
	cs->x32 = si->x32;
	cs->id = id;
	memcpy(cs->args, si->args, sizeof(cs->args));
	cs->rule = -1;
	cs->action = PA_ALLOW;
	cs->shown = NULL;
	cs->xlate_exit = false;
	cs->pinned = 0;
	cs->xlated = 0;
	cs->reopen = false;
	cs->skipped = false;
	cs->uncache = false;
	return true;
}

/* Does the policy apply to this call?  Not to xlat's own execve of the
   command, nor to numbers no table knows (the filter decided those). */
static bool _policed(const struct call *c)
{
	return c->s->pol && !c->was_setup;
}

/* --- path translation (-r, -b): the guest's paths, the kernel's ---------- */

static struct path_res _res[SCRATCH_PATHS];	/* this stop's resolved paths */

#define AT_SYMLINK_NOFOLLOW_ 0x100
#define AT_SYMLINK_FOLLOW_ 0x400
#define O_NOFOLLOW_ 0400000
#define O_CREAT_ 0100
#define O_EXCL_ 0200

/* Calls that never follow the last component of their path argument
   (lstat, unlink, rename...), by name; -1 for every path argument, else
   the index of the one argument they do not follow. */
static const struct { const char *name; int arg; } _nofollow[] = {
	{ "lstat", -1 }, { "lstat64", -1 }, { "oldlstat", -1 }, { "lchown", -1 },
	{ "lchown16", -1 }, { "lchown32", -1 }, { "lgetxattr", -1 },
	{ "lsetxattr", -1 }, { "llistxattr", -1 }, { "lremovexattr", -1 },
	{ "readlink", -1 }, { "readlinkat", -1 }, { "unlink", -1 },
	{ "unlinkat", -1 }, { "rmdir", -1 }, { "rename", -1 }, { "renameat", -1 },
	{ "renameat2", -1 }, { "mkdir", -1 }, { "mkdirat", -1 }, { "mknod", -1 },
	{ "mknodat", -1 }, { "symlink", -1 }, { "symlinkat", -1 }, { "link", -1 },
};

/* What decides how a call treats the last component of its path
   arguments, by id: made once from the table and _nofollow, so that a
   stop does no name comparisons. */
enum { PF_FLAGS, PF_NOFOLLOW, PF_LINKAT, PF_HANDLE, PF_OPEN };
struct pathflags {
	uint8_t kind;		/* PF_* */
	int8_t nofollow_arg;	/* PF_NOFOLLOW: the one argument, -1: all */
	int8_t at_reg;		/* the register of the AT_* flags, -1: none */
	int8_t open_reg;	/* PF_OPEN: the register of the O_* flags, -1: none */
	bool text0;		/* argument 0 is a link's text (symlink) */
};

static const struct pathflags *_pathflags(int id)
{
	static struct pathflags *tab;
	const struct sysent *se;
	struct pathflags *pf;
	unsigned int k, i;

	if (!tab) {
		tab = calloc(sysent_count, sizeof(*tab));
		if (!tab)
			return NULL;
		for (k = 0; k < sysent_count; k++) {
			se = &sysent_table[k];
			pf = &tab[k];
			pf->at_reg = pf->open_reg = -1;
			for (i = 0; i < se->nargs; i++) {
				if (se->args[i].kind != AK_flags)
					continue;
				if (pf->at_reg < 0 &&
				    (se->args[i].aux == XT_at || se->args[i].aux == XT_statx ||
				     se->args[i].aux == XT_faccessat))
					pf->at_reg = (int8_t)se->args[i].reg;
				if (se->args[i].aux == XT_open)
					pf->open_reg = (int8_t)se->args[i].reg;
			}
			for (i = 0; i < sizeof(_nofollow) / sizeof(_nofollow[0]); i++)
				if (strcmp(se->name, _nofollow[i].name) == 0) {
					pf->kind = PF_NOFOLLOW;
					pf->nofollow_arg = (int8_t)_nofollow[i].arg;
				}
			if (strcmp(se->name, "linkat") == 0)
				pf->kind = PF_LINKAT;
			else if (strcmp(se->name, "name_to_handle_at") == 0)
				pf->kind = PF_HANDLE;
			else if (pf->kind != PF_NOFOLLOW &&
				 (strncmp(se->name, "open", 4) == 0 || strcmp(se->name, "creat") == 0))
				pf->kind = PF_OPEN;
			pf->text0 = strcmp(se->name, "symlink") == 0 || strcmp(se->name, "symlinkat") == 0;
		}
	}
	return &tab[id];
}

/* How the kernel treats the last component of path argument i. */
static unsigned int _path_flags(int id, int i, const uint64_t *args)
{
	const struct pathflags *pf = _pathflags(id);
	uint64_t f = pf && pf->at_reg >= 0 ? args[pf->at_reg] : 0;

	if (!pf)
		return 0;
	switch (pf->kind) {
	case PF_NOFOLLOW:
		if (pf->nofollow_arg < 0 || pf->nofollow_arg == i)
			return PATH_NOFOLLOW;
		break;
	case PF_LINKAT:
		return i == 3 || !(f & AT_SYMLINK_FOLLOW_) ? PATH_NOFOLLOW : 0;
	case PF_HANDLE:
		return f & AT_SYMLINK_FOLLOW_ ? 0 : PATH_NOFOLLOW;
	default:
		break;
	}
	if (pf->at_reg >= 0 && (f & AT_SYMLINK_NOFOLLOW_))
		return PATH_NOFOLLOW;
	if (pf->kind == PF_OPEN) {
		if (pf->open_reg >= 0)
			f = args[pf->open_reg];
		if ((f & O_NOFOLLOW_) || (f & (O_CREAT_ | O_EXCL_)) == (O_CREAT_ | O_EXCL_))
			return PATH_NOFOLLOW;
	}
	return 0;
}

/* Is argument i of call id a path to translate?  symlink's target is text
   the link keeps as it is. */
static bool _translated_arg(int id, int i)
{
	const struct pathflags *pf = _pathflags(id);

	if (sysent_table[id].args[i].kind != AK_path)
		return false;
	return !(i == 0 && pf && pf->text0);
}

/* openat2 with RESOLVE_IN_ROOT or RESOLVE_BENEATH: the kernel confines the
   walk to the dirfd, a host directory inside the guest's view, so the path
   is left to it as written (and a relative one cannot leave the root). */
static bool _kernel_scoped(const struct call *c)
{
	uint64_t how[3];	/* struct open_how: flags, mode, resolve */

	if (c->cs->id != SYSID_openat2 || mem_read(c->t->tid, c->cs->args[2], how, sizeof(how)) < 0)
		return false;
	return how[2] & (0x08 /* RESOLVE_BENEATH */ | 0x10 /* RESOLVE_IN_ROOT */);
}

/* Under -r/-b: resolve every path argument in the guest's view and make
   the kernel use its host path, pinned in the scratch area.  Policy path
   conditions then see the guest paths.  0 or a -errno the call fails
   with. */
static int _translate(struct call *c)
{
	const struct path_view *v = &c->s->pol->view;
	const struct sysent *se = &sysent_table[c->cs->id];
	struct cursys *cs = c->cs;
	struct tracee *t = c->t;
	const char *str[6] = { NULL };
	char buf[PATH_MAX];
	unsigned int changed = 0;
	bool complete;
	int i, k = 0, dirfd, rc;
	ssize_t n;

	if (_kernel_scoped(c))
		return 0;
	for (i = 0; i < se->nargs; i++) {
		uint64_t addr = cs->args[se->args[i].reg];
		bool use_dirfd = i > 0 && se->args[i - 1].kind == AK_dirfd;

		if (!_translated_arg(cs->id, i) || !addr)
			continue;
		if (k == SCRATCH_PATHS)
			return -ENAMETOOLONG;
		n = mem_read_str(t->tid, addr, buf, sizeof(buf) - 1, &complete);
		if (n < 0)
			return -EFAULT;
		if (!complete)
			return -ENAMETOOLONG;
		buf[n] = '\0';
		dirfd = use_dirfd ? (int)cs->args[se->args[i - 1].reg] : -100;
		rc = path_resolve(v, t->tid, t->pid, dirfd, use_dirfd, buf,
				  _path_flags(cs->id, i, cs->args), &_res[k]);
		if (rc < 0)
			return rc;
		if (rc > 0)
			continue;	/* the kernel's to decide, as written */
		c->guest[i] = _res[k].guest;
		c->host[i] = _res[k].host;
		str[se->args[i].reg] = _res[k].host;
		k++;
	}
	if (!k)
		return 0;
	rc = scratch_pin_as(t->tid, t->pid, cs->abi, str, cs->args, cs->orig, &changed);
	cs->xlated = changed;
	cs->pinned |= changed;
	return rc;
}

#define AT_REMOVEDIR_ 0x200

/* Can the call make a directory the resolver remembers (path.c) go away
   or become something else: rename one or one of its ancestors, remove
   one, cover or uncover one with a mount, put a link where one was?
   chdir, mkdir, unlink of a file and the like cannot. */
static bool _uncaches(int id, const uint64_t *args)
{
	switch (id) {
	case SYSID_unlinkat:
		return args[2] & AT_REMOVEDIR_;
	case SYSID_rename: case SYSID_renameat: case SYSID_renameat2:
	case SYSID_rmdir: case SYSID_symlink: case SYSID_symlinkat:
	case SYSID_mount: case SYSID_umount: case SYSID_umount2:
	case SYSID_pivot_root: case SYSID_chroot: case SYSID_move_mount:
	case SYSID_fsmount: case SYSID_open_tree: case SYSID_mount_setattr:
		return true;
	default:
		return false;
	}
}

/* The first call of an address space that needs the scratch area places
   it: the tracee makes an mmap and the call is rewound, to stop again and
   start over (false: this stop is done).  Where it cannot be placed, the
   call fails closed. */
static bool _place(struct call *c)
{
	struct tracee *t = c->t;
	int rc, status;

	rc = scratch_place(t->tid, t->pid, c->cs->abi, &status);
	if (rc < 0) {
		c->refuse = -EPERM;
		return true;
	}
	c->s->n.stops++;
	t->in_syscall = false;
	if (rc > 0) {
		c->next = CALL_RESTOPPED;
		c->status = status;
	}
	return false;
}

/* Resolve and pin the path arguments: the kernel is made to read the copy
   the policy decides on, from the tracee's read-only scratch area.  The
   first time an address space needs the area, it is placed (the tracee
   makes an mmap) and the call rewound: it stops again and starts over. */
static bool _paths(struct call *c)
{
	struct session *s = c->s;
	struct tracee *t = c->t;
	struct cursys *cs = c->cs;
	int abi = cs->abi, id = cs->id, rc;
	unsigned int changed = 0;

	if (id < 0 || !s->pol)
		return true;
	if (path_view_active(&s->pol->view) &&
	    (sysent_table[id].classes & (CLS_FILE | CLS_NETWORK))) {
		if (!scratch_addr(t->pid) && !scratch_failed(t->pid))
			return _place(c);
		if (_uncaches(id, cs->args)) {
			/* Before and after it: the call may run while other
			   tracees stop. */
			path_cache_clear();
			cs->uncache = true;
		}
		rc = _translate(c);
		if (rc < 0)
			c->refuse = rc;
		else if (_policed(c) && scratch_guarded(id) &&
			 scratch_touches(t->tid, t->pid, abi, id, cs->args))
			c->refuse = -EPERM;
		return true;
	}
	if (!_policed(c))
		return true;
	if (policy_reads_paths(s->pol, abi, id) ||
	    (scratch_opens(id) && policy_has_paths(s->pol))) {
		if (!scratch_addr(t->pid) && !scratch_failed(t->pid))
			return _place(c);
		rc = scratch_pin(t->tid, t->pid, abi, id, cs->args, cs->orig, &changed);
		cs->pinned = changed;
		if (rc < 0) {
			c->refuse = rc;
			return true;
		}
	}
	/* An open a rule checks: decided on its resolved path, then made
	   with no symlink followed, if allowed (scratch.h). */
	if (cs->pinned && scratch_opens(id) && policy_reads_paths(s->pol, abi, id) &&
	    filter_passes(s->pol, abi, SYSID_openat2)) {
		rc = scratch_resolve_open(t->tid, t->pid, abi, id, cs->args, cs->orig,
					  &changed);
		if (rc < 0) {
			c->refuse = rc;
			return true;
		}
		cs->pinned |= changed;
		cs->reopen = rc > 0;
	}
	if (scratch_guarded(id) && scratch_touches(t->tid, t->pid, abi, id, cs->args))
		c->refuse = -EPERM;
	return true;
}

/* The policy's verdict: the deciding rule and its action. */
static bool _decide(struct call *c)
{
	struct cursys *cs = c->cs;

	if (!_policed(c))
		return true;
	cs->rule = policy_decide(c->s->pol, c->t->tid, cs->abi, cs->id, cs->args,
				 cs->xlated ? c->guest : NULL);
	cs->action = policy_rule_action(c->s->pol, cs->rule);
	cs->shown = _shown[cs->action];
	return true;
}

/* The translators' enter hooks, in order: they may ask for the exit stop,
   skip the call with a result, or kill. */
static bool _enter_hooks(struct call *c)
{
	struct cursys *cs = c->cs;
	int i;

	/* Translation applies to xlat's own execve of the command too. */
	if (!c->s->pol)
		return true;
	_xcall(c->s, c->t, &c->x);
	for (i = 0; c->cs->xlated && i < sysent_table[c->cs->id].nargs; i++)
		if (c->host[i])
			c->x.host[sysent_table[c->cs->id].args[i].reg] = c->host[i];
	c->h = translate_enter(&c->x);
	if (c->h & XH_AGAIN) {
		/* A translator ran a call in the tracee and rewound it. */
		c->s->n.stops++;
		c->t->in_syscall = false;
		if (c->h & XH_RESTOPPED) {
			c->next = CALL_RESTOPPED;
			c->status = c->x.status;
		}
		return false;
	}
	for (i = 0; i < 6; i++) {
		if (!(c->x.rewrote & (1u << i)))
			continue;
		/* Show the call as the program made it. */
		if (!(cs->xlated & (1u << i)))
			cs->orig[i] = c->x.orig[i];
		cs->xlated |= 1u << i;
		cs->pinned |= 1u << i;
		cs->args[i] = c->x.args[i];
	}
	/* A translator answered a call the policy let through. */
	if ((c->h & XH_SKIP) && (cs->action == PA_ALLOW || cs->action == PA_TRACE))
		cs->shown = "emulate";
	cs->xlate_exit = c->h & XH_EXIT;
	return true;
}

/* skip the call, failing with err: no exit stop, no translator at exit. */
static void _deny(struct call *c, int err)
{
	c->h = XH_SKIP;
	c->x.ret = err;
	c->cs->shown = "deny";
	c->cs->xlate_exit = false;
}

/* Fail closed: a path that could not be pinned, a call that would undo
   the scratch area; and an allowed open decided on its resolved path is
   made as openat2(RESOLVE_NO_SYMLINKS) (scratch.h). */
static bool _fail_closed(struct call *c)
{
	int rc;

	if (c->h & (XH_SKIP | XH_KILL))
		return true;
	if (c->refuse) {
		_deny(c, c->refuse);
		return true;
	}
	if (c->cs->reopen) {
		rc = scratch_openat2(c->t->tid, c->t->pid, c->cs->abi);
		if (rc < 0)
			_deny(c, rc);
	}
	return true;
}

/* The record's "host": the host path the kernel used for each translated
   path argument, kept in argbuf beside the arguments. */
static void _host_paths(struct call *c)
{
	const struct sysent *se = &sysent_table[c->cs->id];
	struct jbuf *b = &c->cs->argbuf;
	int i;

	b->need_comma[0] = false;
	c->cs->hostoff = b->len;
	jb_obj_begin(b);
	for (i = 0; i < se->nargs; i++) {
		if (!c->host[i])
			continue;
		jb_key(b, se->args[i].name);
		jb_str(b, c->host[i]);
	}
	jb_obj_end(b);
	c->cs->hostend = b->len;
}

/* --learn: the call as it stands at entry, its paths resolved. */
static bool _learn(struct call *c)
{
	if (c->s->learn && !c->was_setup)
		learn_observe(c->s->learn, c->t->tid, c->cs->abi, c->cs->id, c->cs->args);
	return true;
}

/* Decode the input arguments into the tracee's argbuf, before the kernel
   or another thread can change the memory they point to. */
static bool _decode(struct call *c)
{
	struct session *s = c->s;
	struct cursys *cs = c->cs;

	cs->record = (select_has(&s->sel, cs->id) || cs->action == PA_TRACE) &&
		     (s->record || s->opt->summary);
	if (cs->record) {
		cs->t0_us = trace_now_us();
		if (s->record) {
			_decode_entry(s, c->t);
			if (cs->xlated)
				_host_paths(c);
		}
	}
	return true;
}

/* Resume: kill the thread group, skip the call with its result (one stop),
   or let it run, with an exit stop when a record or a translator needs
   one (every entry has one without the filter). */
static bool _go(struct call *c)
{
	struct session *s = c->s;
	struct tracee *t = c->t;
	struct cursys *cs = c->cs;

	if (c->h & XH_KILL) {
		/* As SECCOMP_RET_KILL_PROCESS: the whole thread group. */
		kill(t->pid, SIGKILL);
		if (cs->record)
			_emit_syscall(s, t, false, 0, false);
		cs->record = false;
		t->in_syscall = false;
		c->next = CALL_LEFT;
		return false;
	}
	if (c->h & XH_SKIP) {
		regs_skip(t->tid, c->x.ret);
		cs->skipped = true;
		if (cs->record)
			_emit_syscall(s, t, true, c->x.ret, c->x.ret < 0 && c->x.ret >= -4095);
		cs->record = false;
		t->in_syscall = !s->seccomp;
		return false;
	}
	t->in_syscall = !s->seccomp || cs->record || cs->xlate_exit || cs->uncache;
	return false;
}

typedef bool (*call_step)(struct call *c);

static const call_step _entry_steps[] = {
	_read, _paths, _decide, _enter_hooks, _fail_closed, _learn, _decode, _go,
};

/* --- exit steps ---------------------------------------------------------- */

/* The translators' exit hooks: a result rewritten, an errno mapped. */
static bool _exit_hooks(struct call *c)
{
	struct session *s = c->s;
	struct tracee *t = c->t;
	int64_t rval = c->si.rval;

	if (!t->in_syscall || !t->cur.xlate_exit || !s->pol)
		return true;
	_xcall(s, t, &c->x);
	c->x.ret = rval;
	if (translate_exit(&c->x)) {
		if (c->x.ret != rval)
			regs_set_ret(t->tid, c->x.ret);
		c->si.rval = c->x.ret;
		c->si.is_error = c->x.ret < 0 && c->x.ret >= -4095;
		t->cur.shown = "rewrite";
	}
	return true;
}

/* The record, out-arguments decoded now that the call has returned. */
static bool _record(struct call *c)
{
	struct tracee *t = c->t;

	if (t->in_syscall && t->cur.record)
		_emit_syscall(c->s, t, true, c->si.rval, c->si.is_error);
	return true;
}

/* The directories the resolver remembers, after a call that may have
   renamed or removed one. */
static bool _uncache(struct call *c)
{
	if (c->t->cur.uncache)
		path_cache_clear();
	return true;
}

static bool _done(struct call *c)
{
	c->t->in_syscall = false;
	c->t->cur.record = false;
	c->t->cur.xlate_exit = false;
	c->t->cur.uncache = false;
	return false;
}

static const call_step _exit_steps[] = {
	_uncache, _exit_hooks, _record, _done,
};

/* --- the loop's entry points --------------------------------------------- */

static enum call_next _run(struct call *c, const call_step *steps, size_t n)
{
	size_t i;

	for (i = 0; i < n && steps[i](c); i++)
		;
	return c->next;
}

enum call_next call_stop(struct session *s, struct tracee *t, int *status)
{
	struct call c = { .s = s, .t = t, .cs = &t->cur, .next = CALL_RESUME };
	enum call_next next = CALL_RESUME;

	s->n.stops++;
	if (regs_get(t->tid, &c.si) < 0)
		return CALL_RESUME;
	switch (c.si.op) {
	case OP_SECCOMP:
	case OP_ENTRY:
		next = _run(&c, _entry_steps, sizeof(_entry_steps) / sizeof(_entry_steps[0]));
		break;
	case OP_EXIT:
		next = _run(&c, _exit_steps, sizeof(_exit_steps) / sizeof(_exit_steps[0]));
		break;
	default:
		break;
	}
	*status = c.status;
	return next;
}

void call_unfinished(struct session *s, struct tracee *t)
{
	/* Killed in a rename: it may or may not have happened. */
	if (t->in_syscall && t->cur.uncache)
		path_cache_clear();
	t->cur.uncache = false;
	if (t->in_syscall && t->cur.record)
		_emit_syscall(s, t, false, 0, false);
	t->in_syscall = false;
	t->cur.record = false;
}

void call_exec_done(struct session *s, struct tracee *t)
{
	if (s->seccomp && t->in_syscall && !t->cur.xlate_exit) {
		if (t->cur.record)
			_emit_syscall(s, t, true, 0, false);
		t->in_syscall = false;
		t->cur.record = false;
	}
}

/* PTRACE_EVENT_EXIT: the thread is about to go; its registers still hold
   the call that ends it (exit, exit_group), or the one it was blocked in. */
void call_exit_event(struct session *s, struct tracee *t)
{
	struct scinfo si;
	uint64_t args[6];
	const struct sysent *se;
	unsigned long status = 0;
	long nr;
	int id;

	if (t->in_syscall) {
		call_unfinished(s, t);
		return;
	}
	ptrace(PTRACE_GETEVENTMSG, t->tid, NULL, &status);
	if (WIFSIGNALED(status) || (!s->record && !s->opt->summary))
		return;
	if (regs_get(t->tid, &si) < 0 || si.abi < 0 ||
	    regs_get_raw(t->tid, si.abi, &nr, args) < 0)
		return;
	se = sysent_get(si.abi, nr);
	if (!se || (strcmp(se->name, "exit") && strcmp(se->name, "exit_group")))
		return;
	id = sysent_id(si.abi, nr);
	if (!select_has(&s->sel, id))
		return;
	t->cur.abi = si.abi;
	t->cur.nr = nr;
	t->cur.raw_nr = nr;
	t->cur.x32 = false;
	t->cur.id = id;
	t->cur.rule = -1;
	t->cur.shown = NULL;
	t->cur.pinned = 0;
	memcpy(t->cur.args, args, sizeof(args));
	t->cur.t0_us = trace_now_us();
	if (s->record)
		_decode_entry(s, t);
	s->n.stops++;
	_emit_syscall(s, t, false, 0, false);
}
