/*
 * decode/time.c - clocks and times: clockid, timespec and timeval in the
 * ABI's layout and in the 64-bit time layout, their pairs, itimerspec,
 * itimerval, timezone, utimbuf, tms; rusage and sysinfo.
 *
 * A class decoder (decode/classes.h): may call the primitives
 * (decode/prim.h), never another family's decoder nor the walk.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "decode/prim.h"

void decode_clockid(int32_t id, struct jbuf *b)
{
	const char *name;
	char buf[64];

	if (id < 0) {
		/* Dynamic clocks (clock_getcpuclockid, pthread_getcpuclockid,
		   FD_TO_CLOCKID): pid or fd in the upper bits. */
		if ((id & 7) == 3)
			snprintf(buf, sizeof(buf), "FD_TO_CLOCKID(%d)", (~id) >> 3);
		else
			snprintf(buf, sizeof(buf), "MAKE_%s_CPUCLOCK(%d, %d)",
				 (id & 4) ? "THREAD" : "PROCESS", (~id) >> 3, id & 3);
		jb_str(b, buf);
		return;
	}
	name = xlat_name(XT_clockid, (uint32_t)id);
	if (name)
		jb_str(b, name);
	else
		jb_int(b, id);
}

/* One {sec, frac} pair: width 4 or 8 bytes per field. */
static void _pair(const uint8_t *p, unsigned int w, const char *k1, const char *k2,
		  struct jbuf *b)
{
	int64_t s, f;

	if (w == 4) {
		int32_t v[2];
		memcpy(v, p, 8);
		s = v[0]; f = v[1];
	} else {
		int64_t v[2];
		memcpy(v, p, 16);
		s = v[0]; f = v[1];
	}
	jb_obj_begin(b);
	jb_key(b, k1);
	jb_int(b, s);
	jb_key(b, k2);
	jb_int(b, f);
	jb_obj_end(b);
}

void decode_time(struct dctx *c, int st, uint64_t addr, struct jbuf *b)
{
	uint8_t raw[64];
	unsigned int w = decode_wordsize(c), n = 1, k;
	const char *k1 = "tv_sec", *k2 = "tv_nsec";
	const char *names[2] = { NULL, NULL };

	switch (st) {
	case ST_timespec64:
		w = 8;
		break;
	case ST_timespec64_pair:
		w = 8;
		n = 2;
		break;
	case ST_timespec_pair:
		n = 2;
		break;
	case ST_timeval:
		k2 = "tv_usec";
		break;
	case ST_timeval_pair:
		k2 = "tv_usec";
		n = 2;
		break;
	case ST_itimerspec64:
		w = 8;
		/* FALLTHROUGH */
	case ST_itimerspec:
		n = 2;
		names[0] = "it_interval";
		names[1] = "it_value";
		break;
	case ST_itimerval:
		k2 = "tv_usec";
		n = 2;
		names[0] = "it_interval";
		names[1] = "it_value";
		break;
	case ST_timezone:
		w = 4;
		k1 = "tz_minuteswest";
		k2 = "tz_dsttime";
		break;
	case ST_utimbuf:
		k1 = "actime";
		k2 = "modtime";
		{
			int64_t v0, v1;

			if (!decode_fetch(c, addr, raw, 2 * w, b))
				return;
			v0 = decode_word(c, raw, true);
			v1 = decode_word(c, raw + w, true);
			jb_obj_begin(b);
			jb_key(b, k1);
			jb_int(b, v0);
			jb_key(b, k2);
			jb_int(b, v1);
			jb_obj_end(b);
		}
		return;
	case ST_tms:
		{
			static const char *const tn[4] = { "tms_utime", "tms_stime", "tms_cutime", "tms_cstime" };

			if (!decode_fetch(c, addr, raw, 4 * w, b))
				return;
			jb_obj_begin(b);
			for (k = 0; k < 4; k++) {
				jb_key(b, tn[k]);
				jb_int(b, decode_word(c, raw + k * w, true));
			}
			jb_obj_end(b);
		}
		return;
	default:
		break;
	}
	if (!decode_fetch(c, addr, raw, n * 2 * w, b))
		return;
	if (names[0]) {
		jb_obj_begin(b);
		for (k = 0; k < n; k++) {
			jb_key(b, names[k]);
			_pair(raw + k * 2 * w, w, k1, k2, b);
		}
		jb_obj_end(b);
	} else if (n == 2) {
		jb_arr_begin(b);
		for (k = 0; k < n; k++)
			_pair(raw + k * 2 * w, w, k1, k2, b);
		jb_arr_end(b);
	} else
		_pair(raw, w, k1, k2, b);
}

void decode_rusage(struct dctx *c, uint64_t addr, struct jbuf *b)
{
	static const char *const names[14] = {
		"ru_maxrss", "ru_ixrss", "ru_idrss", "ru_isrss", "ru_minflt",
		"ru_majflt", "ru_nswap", "ru_inblock", "ru_oublock", "ru_msgsnd",
		"ru_msgrcv", "ru_nsignals", "ru_nvcsw", "ru_nivcsw",
	};
	uint8_t raw[18 * 8];
	unsigned int w = decode_wordsize(c), k;

	if (!decode_fetch(c, addr, raw, 18 * w, b))
		return;
	jb_obj_begin(b);
	jb_key(b, "ru_utime");
	_pair(raw, w, "tv_sec", "tv_usec", b);
	jb_key(b, "ru_stime");
	_pair(raw + 2 * w, w, "tv_sec", "tv_usec", b);
	for (k = 0; k < 14; k++) {
		jb_key(b, names[k]);
		jb_int(b, decode_word(c, raw + (4 + k) * w, true));
	}
	jb_obj_end(b);
}

void decode_sysinfo(struct dctx *c, uint64_t addr, struct jbuf *b)
{
	static const char *const names[6] = {
		"totalram", "freeram", "sharedram", "bufferram", "totalswap", "freeswap",
	};
	uint8_t raw[128];
	unsigned int w = decode_wordsize(c), k, off;
	uint16_t procs;
	uint32_t unit;

	/* long uptime; ulong loads[3]; 6 ulong; u16 procs, pad; ulong
	   totalhigh, freehigh; u32 mem_unit */
	if (!decode_fetch(c, addr, raw, 14 * w + 4, b))
		return;
	jb_obj_begin(b);
	jb_key(b, "uptime");
	jb_int(b, decode_word(c, raw, true));
	jb_key(b, "loads");
	jb_arr_begin(b);
	for (k = 1; k <= 3; k++)
		jb_uint(b, (uint64_t)decode_word(c, raw + k * w, false));
	jb_arr_end(b);
	for (k = 0; k < 6; k++) {
		jb_key(b, names[k]);
		jb_uint(b, (uint64_t)decode_word(c, raw + (4 + k) * w, false));
	}
	off = 10 * w;
	memcpy(&procs, raw + off, 2);
	jb_key(b, "procs");
	jb_uint(b, procs);
	off += w;	/* u16 procs, u16 pad, then padding to a long */
	jb_key(b, "totalhigh");
	jb_uint(b, (uint64_t)decode_word(c, raw + off, false));
	jb_key(b, "freehigh");
	jb_uint(b, (uint64_t)decode_word(c, raw + off + w, false));
	memcpy(&unit, raw + off + 2 * w, 4);
	jb_key(b, "mem_unit");
	jb_uint(b, unit);
	jb_obj_end(b);
}
