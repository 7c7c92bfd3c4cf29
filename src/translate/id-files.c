/*
 * id-files.c - fake root: the file database, what each inode looks like
 * to the command.
 *
 * An entry, keyed by the file's (st_dev, st_ino) as the kernel encodes
 * them, holds what fakeroot(1)'s database holds: the whole mode (type
 * and permission bits), owner, group, link count and device number.  A
 * file with an entry shows them; a file without one shows what the
 * kernel says, except that the real user's ids show as root's.  A device
 * is a regular empty file with an entry of type S_IFCHR or S_IFBLK.
 */
#include "config.h"

#include <errno.h>
#include <search.h>
#include <stdlib.h>

#include "translate/id.h"

static void *_files;		/* tsearch tree of struct fview */
static uint32_t _real_uid, _real_gid;
static unsigned long _ntypes;	/* entries whose type is not the file's */

static int _cmp(const void *a, const void *b)
{
	const struct fview *x = a, *y = b;

	if (x->dev != y->dev)
		return x->dev < y->dev ? -1 : 1;
	return (x->ino > y->ino) - (x->ino < y->ino);
}

void idf_init(uint32_t real_uid, uint32_t real_gid)
{
	_real_uid = real_uid;
	_real_gid = real_gid;
}

void idf_from_stat(struct fview *v, const struct stat *st)
{
	v->dev = st->st_dev;
	v->ino = st->st_ino;
	v->nlink = st->st_nlink;
	v->rdev = st->st_rdev;
	v->mode = st->st_mode;
	v->uid = st->st_uid;
	v->gid = st->st_gid;
}

static struct fview *_find(uint64_t dev, uint64_t ino)
{
	struct fview key = { .dev = dev, .ino = ino }, **n;

	n = tfind(&key, &_files, _cmp);
	return n ? *n : NULL;
}

/* A device or a FIFO shown over a regular file is what mknod leaves; any
   other difference of type means the inode is another file now. */
static bool _type_fits(uint32_t shown, uint32_t real)
{
	if ((shown & S_IFMT) == (real & S_IFMT))
		return true;
	return S_ISREG(real) && (S_ISCHR(shown) || S_ISBLK(shown) ||
				 S_ISFIFO(shown) || S_ISSOCK(shown));
}

static bool _retyped(const struct fview *f)
{
	return S_ISCHR(f->mode) || S_ISBLK(f->mode) || S_ISFIFO(f->mode) || S_ISSOCK(f->mode);
}

void idf_drop(uint64_t dev, uint64_t ino)
{
	struct fview key = { .dev = dev, .ino = ino }, *f = _find(dev, ino);

	if (!f)
		return;
	tdelete(&key, &_files, _cmp);
	if (_retyped(f))
		_ntypes--;
	free(f);
}

bool idf_view(struct fview *v)
{
	struct fview *f = _find(v->dev, v->ino);

	if (f && !_type_fits(f->mode, v->mode)) {
		idf_drop(v->dev, v->ino);
		f = NULL;
	}
	if (!f) {
		if (v->uid == _real_uid)
			v->uid = 0;
		if (v->gid == _real_gid)
			v->gid = 0;
		return false;
	}
	f->nlink = v->nlink;
	if (S_ISREG(v->mode) && _retyped(f))
		v->rdev = f->rdev;
	v->mode = f->mode;
	v->uid = f->uid;
	v->gid = f->gid;
	return true;
}

int idf_set(const struct fview *v)
{
	struct fview *f = _find(v->dev, v->ino);

	if (!f) {
		f = malloc(sizeof(*f));
		if (!f)
			return -ENOMEM;
		*f = *v;
		if (!tsearch(f, &_files, _cmp)) {
			free(f);
			return -ENOMEM;
		}
	} else {
		if (_retyped(f))
			_ntypes--;
		*f = *v;
	}
	if (_retyped(f))
		_ntypes++;
	return 0;
}

int idf_set_or_drop(const struct fview *v, const struct stat *real)
{
	struct fview plain;

	idf_from_stat(&plain, real);
	idf_drop(plain.dev, plain.ino);
	idf_view(&plain);
	if (plain.mode == v->mode && plain.uid == v->uid && plain.gid == v->gid &&
	    plain.rdev == v->rdev)
		return 0;
	return idf_set(v);
}

bool idf_has_types(void)
{
	return _ntypes > 0;
}

uint32_t idf_type(uint64_t dev, uint64_t ino)
{
	struct fview *f = _find(dev, ino);

	return f ? f->mode & S_IFMT : 0;
}

static void (*_walk_fn)(const struct fview *v, void *arg);
static void *_walk_arg;

static void _walk_one(const void *node, VISIT v, int depth)
{
	(void)depth;
	/* In order: by device, then inode. */
	if (v == postorder || v == leaf)
		_walk_fn(*(const struct fview *const *)node, _walk_arg);
}

void idf_walk(void (*fn)(const struct fview *v, void *arg), void *arg)
{
	_walk_fn = fn;
	_walk_arg = arg;
	twalk(_files, _walk_one);
}

void idf_reset(void)
{
	tdestroy(_files, free);
	_files = NULL;
	_ntypes = 0;
}
