/*
 * evaluate.c - the policy evaluated (rules x call -> verdict) for the calls
 * the filter traps: first match wins over register conditions and path
 * conditions (paths.c), an i386 socketcall is decided as the call it
 * stands for (socketcall.c), and the errno maps.  It uses the rule model;
 * the supervisor's per-call steps call it.
 */
#include "config.h"

#include "internal.h"
#include "tables/sysent.h"

static bool _cond_holds(const struct pol_argcond *c, int abi, int id, const uint64_t args[6])
{
	const struct sysarg *a;
	uint64_t v, w = c->value, m = c->mask;
	int i = policy_cond_arg(c, id);

	if (i < 0)
		return false;
	a = &sysent_table[id].args[i];
	v = args[a->reg];
	if (a->nregs == 2 && a->reg < 5)
		v = (v & 0xffffffffu) | (args[a->reg + 1] << 32);
	if (policy_arg32(abi, id, i)) {
		v &= 0xffffffffu;
		w &= 0xffffffffu;
		m &= 0xffffffffu;
	}
	switch (c->op) {
	case PO_EQ: return v == w;
	case PO_NE: return v != w;
	case PO_LT: return v < w;
	case PO_LE: return v <= w;
	case PO_GT: return v > w;
	case PO_GE: return v >= w;
	case PO_MASKED_EQ: return (v & m) == w;
	}
	return false;
}

int policy_decide(const struct policy *p, pid_t tid, int abi, int id, const uint64_t args[6],
		  const char *const guest[6])
{
	uint64_t inner[6];
	int iid;

	const struct pol_rule *r;
	int i, k;

	for (i = 0; i < p->nrules; i++) {
		r = &p->rules[i];
		if (!policy_selects(r, abi, id))
			continue;
		for (k = 0; k < r->nconds; k++)
			if (!_cond_holds(&r->conds[k], abi, id, args))
				break;
		if (k < r->nconds)
			continue;
		if (r->npaths && !pol_paths_hold(r, tid, id, args, guest))
			continue;
		return i;
	}
	/* No rule names socketcall itself: the rules of the call it
	   multiplexes apply, as they do to the direct call. */
	if (abi == ABI_I386 && id == SYSID_socketcall) {
		iid = pol_unmux_socketcall(tid, args, inner);
		if (iid >= 0)
			return policy_decide(p, tid, abi, iid, inner, NULL);
	}
	return -1;
}

enum pol_action policy_rule_action(const struct policy *p, int rule)
{
	return rule < 0 ? p->def : p->rules[rule].action;
}

int policy_map_errno(const struct policy *p, int rule, int e)
{
	int i;

	if (rule >= 0)
		for (i = 0; i < p->rules[rule].nmap; i++)
			if (p->rules[rule].map[i].from == e)
				return p->rules[rule].map[i].to;
	for (i = 0; i < p->nmap; i++)
		if (p->map[i].from == e)
			return p->map[i].to;
	return e;
}

bool policy_has_map(const struct policy *p, int rule)
{
	return p->nmap || (rule >= 0 && p->rules[rule].nmap);
}
