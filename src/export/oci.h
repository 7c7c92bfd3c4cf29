/*
 * oci.h - --export=oci-seccomp: an xlat policy turned into the seccomp
 * profile of the OCI runtime spec (linux.seccomp) that Docker, Podman,
 * runc and crun load (man/xlat.1, EXPORT).
 */
#ifndef XLAT_EXPORT_OCI_H
#define XLAT_EXPORT_OCI_H

#include <stddef.h>

/* Read the policy in file and write its profile to out (NULL or "-":
   stdout; a file is replaced atomically).  What the format cannot say is
   listed, one line each, in warn.  0, or -EINVAL / -errno with the
   message in err. */
int export_oci(const char *file, const char *out, char *warn, size_t nwarn,
	       char *err, size_t nerr);

#endif
