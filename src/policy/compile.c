/*
 * compile.c - the policy compiled (rules -> filter): the policy and the
 * set of trapped calls turned into a libseccomp filter (API: filter.h).
 * It uses only the rule model (policy.h) and scratch.h's list of the
 * calls that are checked against the scratch area; nothing calls up.
 *
 * One context per ABI (so a rule can differ between x86_64 and i386),
 * merged into one.  libseccomp takes syscall numbers in the native ABI's
 * numbering and translates them by name; calls that exist only on i386 get
 * its negative pseudo-numbers, which it translates too.  x86_64 rules are
 * added by the tables' own numbers, so calls newer than the libseccomp
 * release work there.  An i386 call libseccomp cannot name gets no rule of
 * its own: when its verdict is not the filter's default, the filter traps
 * by default and lists every call libseccomp can name, and the supervisor
 * decides the others.
 *
 * First match wins in a policy, but libseccomp merges the rules of one
 * syscall by its own precedence.  So a syscall's rules are compiled only
 * in a shape whose meaning does not depend on order: conditional rules
 * that all share one action, then one fall-through action equal to the
 * filter's default (or no conditional rule at all).  Anything else is
 * trapped and decided in the supervisor, in order.
 */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "filter.h"
#include "scratch.h"
#include "tables/sysent.h"

#define ACT_TRAP 0xffffffffu	/* not a seccomp action: "stop in the supervisor" */

static const char *const _never[] = {
	"exit", "exit_group", "rt_sigreturn", "sigreturn", "restart_syscall",
};

bool filter_never_trap(const char *name)
{
	unsigned int i;

	for (i = 0; i < sizeof(_never) / sizeof(_never[0]); i++)
		if (strcmp(name, _never[i]) == 0)
			return true;
	return false;
}

static const uint32_t _arch_token[ABI_COUNT] = {
	[ABI_X86_64] = SCMP_ARCH_X86_64,
	[ABI_I386] = SCMP_ARCH_X86,
};

/* The number libseccomp takes for (abi, id), or __NR_SCMP_ERROR when it
   cannot express the call.  x86_64 is the native ABI: its numbers go in as
   they are.  i386 rules are translated by name, so the call needs a name
   libseccomp knows on x86 (maybe as a pseudo-number, as the socket calls:
   it then writes the rules for both their direct and socketcall forms). */
static int _scmp_nr(int abi, int id)
{
	const char *name = sysent_table[id].name;
	long nr = sysent_nr(abi, id);

	if (nr < 0)
		return __NR_SCMP_ERROR;
	if (abi == ABI_X86_64)
		return (int)nr;
	if (seccomp_syscall_resolve_name_arch(SCMP_ARCH_X86, name) == __NR_SCMP_ERROR)
		return __NR_SCMP_ERROR;
	return seccomp_syscall_resolve_name(name);
}

static uint32_t _act(enum pol_action a, int err)
{
	switch (a) {
	case PA_ALLOW:
		return SCMP_ACT_ALLOW;
	case PA_DENY:
		return SCMP_ACT_ERRNO(err);
	case PA_KILL:
		return SCMP_ACT_KILL_PROCESS;
	default:
		return ACT_TRAP;
	}
}

/* The comparisons of a register-only rule for (abi, id), or false when
   the filter cannot express them exactly. */
static bool _cmps(const struct pol_rule *r, int abi, int id, struct scmp_arg_cmp *cmp)
{
	static const enum scmp_compare ops[] = {
		[PO_EQ] = SCMP_CMP_EQ, [PO_NE] = SCMP_CMP_NE, [PO_LT] = SCMP_CMP_LT,
		[PO_LE] = SCMP_CMP_LE, [PO_GT] = SCMP_CMP_GT, [PO_GE] = SCMP_CMP_GE,
		[PO_MASKED_EQ] = SCMP_CMP_MASKED_EQ,
	};
	unsigned int used = 0;
	const struct sysarg *a;
	uint64_t v, m;
	int k, i;

	for (k = 0; k < r->nconds; k++) {
		const struct pol_argcond *c = &r->conds[k];

		i = policy_cond_arg(c, id);
		if (i < 0)
			return false;
		a = &sysent_table[id].args[i];
		if (a->nregs != 1 || (used & (1u << a->reg)))
			return false;
		used |= 1u << a->reg;
		v = c->value;
		m = c->op == PO_MASKED_EQ ? c->mask : ~0ull;
		cmp[k].arg = a->reg;
		cmp[k].op = ops[c->op];
		if (policy_arg32(abi, id, i)) {
			/* The kernel reads only the low 32 bits: so must the
			   filter, or high bits would slip past a rule.
			   libseccomp compares all 64 on x86_64, so eq
			   becomes a masked compare; the others trap. */
			if (abi == ABI_X86_64 && c->op != PO_EQ && c->op != PO_MASKED_EQ)
				return false;
			v &= 0xffffffffu;
			m &= 0xffffffffu;
			if (abi == ABI_X86_64) {
				cmp[k].op = SCMP_CMP_MASKED_EQ;
				cmp[k].datum_a = m;
				cmp[k].datum_b = v;
				continue;
			}
		}
		if (c->op == PO_MASKED_EQ) {
			cmp[k].datum_a = m;
			cmp[k].datum_b = v;
		} else {
			cmp[k].datum_a = v;
			cmp[k].datum_b = 0;
		}
	}
	return true;
}

/* The filter's verdict for (abi, id): an action, ACT_TRAP, or the action
   of *ncr conditional rules (listed in cr[]) over the default def. */
static uint32_t _plan(const struct policy *p, int abi, int id, uint32_t def,
		      const struct pol_rule **cr, int *ncr)
{
	const char *name = sysent_table[id].name;
	bool never = filter_never_trap(name);
	uint32_t fall, a, cact = 0;
	struct scmp_arg_cmp cmp[6];
	int i;

	*ncr = 0;
	if (!p)
		return SCMP_ACT_ALLOW;
	/* exit and friends: only rules naming them apply, never the
	   default, "*" or a class. */
	fall = never ? SCMP_ACT_ALLOW : _act(p->def, p->def_err);
	for (i = 0; i < p->nrules; i++) {
		const struct pol_rule *r = &p->rules[i];

		if (!policy_selects(r, abi, id) || (never && !r->named[id]))
			continue;
		a = _act(r->action, r->err);
		if (a == ACT_TRAP || r->npaths || r->nmap)
			return never ? SCMP_ACT_ALLOW : ACT_TRAP;
		if (r->nconds == 0) {
			fall = a;
			break;
		}
		if (!_cmps(r, abi, id, cmp) || (*ncr && a != cact) || *ncr == 6)
			return never ? SCMP_ACT_ALLOW : ACT_TRAP;
		cact = a;
		cr[(*ncr)++] = r;
	}
	if (p->nmap && !never)
		return ACT_TRAP;	/* the global errno map needs every exit */
	if (*ncr == 0 || cact == fall) {
		*ncr = 0;
		return fall;
	}
	if (fall != def)
		return never ? SCMP_ACT_ALLOW : ACT_TRAP;
	return cact;
}

bool filter_must_trap(const struct policy *pol, int abi, int id)
{
	const struct pol_rule *cr[6];
	const char *name = sysent_table[id].name;
	uint32_t def, a;
	int ncr;

	if (!pol || sysent_nr(abi, id) < 0)
		return false;
	def = _act(pol->def, pol->def_err);
	a = _plan(pol, abi, id, def, cr, &ncr);
	if (a == ACT_TRAP)
		return true;
	/* A call libseccomp cannot name has no rule of its own: decide it
	   in the supervisor unless the filter's default is its verdict. */
	if ((a != def || ncr) && _scmp_nr(abi, id) == __NR_SCMP_ERROR && !filter_never_trap(name))
		return true;
	/* i386's socketcall hides the socket call in memory: decide it in
	   the supervisor when a rule is about socket calls. */
	if (abi == ABI_I386 && id == SYSID_socketcall && a == SCMP_ACT_ALLOW && !ncr &&
	    policy_socketcall_selected(pol))
		return true;
	/* The calls that could unmap, remap, reprotect or zero the scratch
	   area holding checked paths are checked against it (scratch.h). */
	if (policy_has_paths(pol) && scratch_guarded(id) && !filter_never_trap(name))
		return true;
	/* xlat's own execve of the command must pass whatever the policy
	   says of later ones: decide those in the supervisor. */
	if ((strcmp(name, "execve") == 0 || strcmp(name, "execveat") == 0) &&
	    (a != SCMP_ACT_ALLOW || ncr))
		return true;
	return false;
}

bool filter_passes(const struct policy *pol, int abi, int id)
{
	const struct pol_rule *cr[6];
	uint32_t a;
	int ncr;

	if (!pol || filter_must_trap(pol, abi, id))
		return true;
	a = _plan(pol, abi, id, _act(pol->def, pol->def_err), cr, &ncr);
	return ncr == 0 && (a == SCMP_ACT_ALLOW || a == ACT_TRAP);
}

/* The filter's action for (abi, id) over the default def, with the
   conditional rules of that action in cr[] (*ncr of them). */
static uint32_t _id_act(int abi, unsigned int id, const struct policy *pol, const bool *trap,
			uint32_t def, const struct pol_rule **cr, int *ncr)
{
	const char *name = sysent_table[id].name;

	*ncr = 0;
	if (trap[id] && !filter_never_trap(name))
		return SCMP_ACT_TRACE(0);
	if (filter_must_trap(pol, abi, id))
		return filter_never_trap(name) ? SCMP_ACT_ALLOW : SCMP_ACT_TRACE(0);
	return _plan(pol, abi, id, def, cr, ncr);
}

/* The filter's default action: def, or RET_TRACE when a call libseccomp
   cannot name (so cannot have a rule) needs another verdict.  One for both
   contexts: seccomp_merge() takes only contexts with the same attributes. */
static uint32_t _filter_default(const struct policy *pol, const bool *trap,
				const struct trap_if *when, uint32_t def)
{
	const struct pol_rule *cr[6];
	unsigned int id;
	int abi, ncr;

	for (abi = 0; abi < ABI_COUNT; abi++) {
		for (id = 0; id < sysent_count; id++) {
			if (sysent_nr(abi, id) < 0 || _scmp_nr(abi, id) != __NR_SCMP_ERROR)
				continue;
			if (_id_act(abi, id, pol, trap, def, cr, &ncr) != def || ncr ||
			    (when && when[id].bits))
				return SCMP_ACT_TRACE(0);
		}
	}
	return def;
}

/* Trap call nr when argument w->arg has one of w->bits set. */
static int _trap_if(scmp_filter_ctx ctx, int nr, const struct trap_if *w)
{
	struct scmp_arg_cmp cmp;
	uint32_t bit;
	int rc = 0;

	for (bit = 1; !rc && bit; bit <<= 1) {
		if (!(w->bits & bit))
			continue;
		cmp = SCMP_CMP((unsigned int)w->arg, SCMP_CMP_MASKED_EQ, bit, bit);
		rc = seccomp_rule_add_exact_array(ctx, SCMP_ACT_TRACE(0), nr, 1, &cmp);
	}
	return rc;
}

static scmp_filter_ctx _abi_ctx(int abi, const struct policy *pol, const bool *trap,
				const struct trap_if *when, const bool *notify, uint32_t def,
				uint32_t base, int *err, uint32_t badarch)
{
	const struct pol_rule *cr[6];
	struct scmp_arg_cmp cmp[6];
	scmp_filter_ctx ctx;
	unsigned int id;
	uint32_t act;
	int rc, nr, ncr, k;

	ctx = seccomp_init(base);
	if (!ctx) {
		*err = -ENOMEM;
		return NULL;
	}
	rc = seccomp_attr_set(ctx, SCMP_FLTATR_ACT_BADARCH, badarch);
	if (!rc)
		rc = seccomp_attr_set(ctx, SCMP_FLTATR_CTL_OPTIMIZE, 2);
	if (!rc && abi != ABI_X86_64) {
		rc = seccomp_arch_remove(ctx, SCMP_ARCH_NATIVE);
		if (!rc)
			rc = seccomp_arch_add(ctx, _arch_token[abi]);
	}
	for (id = 0; !rc && id < sysent_count; id++) {
		if (sysent_nr(abi, id) < 0)
			continue;
		act = _id_act(abi, id, pol, trap, def, cr, &ncr);
		if (ncr && base != def) {
			/* The calls the conditions do not match would get
			   base, not def: decide this one in the supervisor. */
			act = SCMP_ACT_TRACE(0);
			ncr = 0;
		}
		if (notify && notify[id] && !trap[id] && abi == ABI_X86_64 &&
		    !filter_never_trap(sysent_table[id].name)) {
			/* Answered by the listener: only where the policy
			   lets the call run whatever its arguments. */
			act = act == SCMP_ACT_ALLOW && ncr == 0 ? SCMP_ACT_NOTIFY
							       : SCMP_ACT_TRACE(0);
			ncr = 0;
		} else if (notify && notify[id] && !trap[id]) {
			act = SCMP_ACT_TRACE(0);
			ncr = 0;
		}
		if (when && when[id].bits && !trap[id] && !filter_never_trap(sysent_table[id].name)) {
			/* A condition of the supervisor's own: where the
			   policy has nothing of its own to say of the call. */
			nr = _scmp_nr(abi, id);
			if (act == base && ncr == 0 && nr != __NR_SCMP_ERROR) {
				rc = _trap_if(ctx, nr, &when[id]);
				if (rc == 0)
					continue;
				rc = 0;
			}
			act = SCMP_ACT_TRACE(0);
			ncr = 0;
		}
		if (act == base && ncr == 0)
			continue;
		nr = _scmp_nr(abi, id);
		if (nr == __NR_SCMP_ERROR)
			continue;	/* base traps it (_ctx_default) */
		if (ncr == 0) {
			rc = seccomp_rule_add(ctx, act, nr, 0);
			continue;
		}
		for (k = 0; !rc && k < ncr; k++) {
			_cmps(cr[k], abi, id, cmp);
			rc = seccomp_rule_add_exact_array(ctx, act, nr, cr[k]->nconds, cmp);
			if (rc && k == 0) {
				/* libseccomp refuses argument rules on some
				   calls (i386's socketcall-multiplexed ones):
				   decide those in the supervisor. */
				rc = seccomp_rule_add(ctx, SCMP_ACT_TRACE(0), nr, 0);
				break;
			}
		}
	}
	if (rc) {
		seccomp_release(ctx);
		*err = rc;
		return NULL;
	}
	return ctx;
}

scmp_filter_ctx filter_build(const struct policy *pol, const bool *trap,
			     const struct trap_if *when, const bool *notify,
			     bool trap_unknown)
{
	uint32_t def = trap_unknown ? SCMP_ACT_TRACE(0)
				    : pol ? _act(pol->def, pol->def_err) : SCMP_ACT_ALLOW;
	uint32_t base = _filter_default(pol, trap, when, def);
	uint32_t badarch;
	scmp_filter_ctx ctx64, ctx32;
	int err = 0, rc;

	/* x32 numbers (libseccomp's x86_64 filter sends every number with
	   bit 30 set here, -1 and INT_MIN included) and unknown arches: killed
	   when the policy restricts anything (DESIGN.md §8), else they get
	   what they get natively, and stop when they are recorded. */
	if (pol && policy_active(pol))
		badarch = SCMP_ACT_KILL_PROCESS;
	else
		badarch = trap_unknown ? SCMP_ACT_TRACE(0) : SCMP_ACT_ALLOW;
	ctx64 = _abi_ctx(ABI_X86_64, pol, trap, when, notify, def, base, &err, badarch);
	if (!ctx64)
		goto out_err;
	ctx32 = _abi_ctx(ABI_I386, pol, trap, when, notify, def, base, &err, badarch);
	if (!ctx32) {
		seccomp_release(ctx64);
		goto out_err;
	}
	/* On success the merge consumes ctx32. */
	rc = seccomp_merge(ctx64, ctx32);
	if (rc) {
		seccomp_release(ctx32);
		seccomp_release(ctx64);
		err = rc;
		goto out_err;
	}
	return ctx64;
out_err:
	errno = -err;
	return NULL;
}
