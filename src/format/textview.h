/*
 * textview.h - the two ways to strace's text lines: live, as the trace
 * writer's sink (xlat --format=text -- COMMAND), and replayed from a
 * saved trace (xlat --format=text --replay=FILE).
 */
#ifndef XLAT_TEXTVIEW_H
#define XLAT_TEXTVIEW_H

#include "format/text.h"

/* Make the trace writer hand its records to a text converter, whose lines
   go to the trace output.  Call after trace_open().  0 or -ENOMEM. */
int textview_live(const struct text_opts *o);

/* Called for each unreadable line of a replayed trace, with a message
   naming the file and line. */
typedef void textview_warn_fn(const char *msg);

/* Replay the trace at path (or "-") as text lines to fd.  Returns the
   number of lines that could not be read (each reported through warn),
   or -errno when the trace cannot be opened or the output written. */
long textview_replay(const char *path, int fd, const struct text_opts *o,
		     textview_warn_fn *warn);

#endif
