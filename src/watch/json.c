/*
 * watch --json: one line per frame, each object with the names ipcs and
 * lsipc use (key, id, owner, perms, size, nattch, cpid, lpid; qnum,
 * cbytes, qbytes, lspid, lrpid; nsems, values, ncnt, zcnt), numbers as
 * JSON numbers. perms is lsipc's "rw-------"; mode is ipcs -i's octal.
 * Only objects that exist: the removed ones the screen keeps are not
 * listed. A value this user may not read is null.
 */
#include <stdio.h>
#include <string.h>

#include "ipcscope/json.h"
#include "ipcscope/watch.h"

static void
perms_str(unsigned perms, char *buf)
{
	const char	*rwx = "rwxrwxrwx";
	int		 i;

	for (i = 0; i < 9; i++)
		buf[i] = perms & (0400u >> i) ? rwx[i] : '-';
	buf[9] = '\0';
}

static void
int_array(struct json *j, const char *key, const int *v, int n)
{
	int	i;

	if (v == NULL) {
		json_null(j, key);
		return;
	}
	json_arr(j, key);
	for (i = 0; i < n; i++)
		json_int(j, NULL, v[i]);
	json_arr_end(j);
}

static void
sem_fields(struct json *j, const struct watch_obj *o)
{
	int	i;

	json_int(j, "nsems", o->sem.nsems);
	int_array(j, "values", o->sem.values, o->sem.nsems);
	int_array(j, "ncnt", o->sem.ncnt, o->sem.nsems);
	int_array(j, "zcnt", o->sem.zcnt, o->sem.nsems);
	if (o->sem.pid == NULL)
		json_null(j, "pid");
	else {
		json_arr(j, "pid");
		for (i = 0; i < o->sem.nsems; i++)
			json_int(j, NULL, o->sem.pid[i]);
		json_arr_end(j);
	}
	json_int(j, "otime", o->sem.otime);
	json_int(j, "ctime", o->sem.ctime);
}

static void
object_write(struct json *j, const char *key, const struct watch_obj *o)
{
	char	buf[16];

	json_obj(j, key);
	json_str(j, "type", watch_type_name(o->type));
	if (o->type == WT_PSHM || o->type == WT_PMQ)
		json_str(j, "name", o->name);
	else {
		watch_key_str(o, buf, sizeof(buf));
		json_str(j, "key", buf);
		json_int(j, "id", watch_id(o));
	}
	json_str(j, "owner", o->owner);
	json_int(j, "uid", o->uid);
	json_int(j, "cuid", o->cuid);
	perms_str(o->perms, buf);
	json_str(j, "perms", buf);
	snprintf(buf, sizeof(buf), "%04o", o->perms);
	json_str(j, "mode", buf);
	json_bool(j, "readable", o->readable);
	switch (o->type) {
	case WT_SHM:
		json_int(j, "size", (long long)o->shm.size);
		json_int(j, "nattch", o->shm.nattch);
		json_int(j, "cpid", o->shm.cpid);
		json_int(j, "lpid", o->shm.lpid);
		json_bool(j, "dest", o->shm.dest);
		json_int(j, "atime", o->shm.atime);
		json_int(j, "dtime", o->shm.dtime);
		json_int(j, "ctime", o->shm.ctime);
		break;
	case WT_MSG:
		json_int(j, "qnum", (long long)o->msq.qnum);
		json_int(j, "cbytes", (long long)o->msq.cbytes);
		if (o->readable)
			json_int(j, "qbytes", (long long)o->msq.qbytes);
		else
			json_null(j, "qbytes");
		json_int(j, "lspid", o->msq.lspid);
		json_int(j, "lrpid", o->msq.lrpid);
		json_int(j, "stime", o->msq.stime);
		json_int(j, "rtime", o->msq.rtime);
		json_int(j, "ctime", o->msq.ctime);
		break;
	case WT_SEM:
		sem_fields(j, o);
		break;
	case WT_PSHM:
		json_int(j, "size", o->px.size);
		break;
	case WT_PMQ:
		json_int(j, "qsize", o->px.size);
		if (o->readable) {
			json_int(j, "curmsgs", o->px.curmsgs);
			json_int(j, "maxmsg", o->px.maxmsg);
			json_int(j, "msgsize", o->px.msgsize);
		}
		break;
	default:
		break;
	}
	json_obj_end(j);
}

/* One object as watch --json writes it, as member key (NULL in an array):
 * step's lines show the object a call touched with the same fields. */
void
watch_json_object(struct json *j, const char *key, const struct watch_obj *o)
{
	object_write(j, key, o);
}

void
watch_json_write(FILE *f, const struct watch_list *l,
    const struct watch_follow *fo)
{
	struct json	j;
	size_t		i;
	bool		found = false;

	json_begin(&j, f);
	json_obj(&j, NULL);
	json_int(&j, "time", l->at);
	if (l->mq_mounted)
		json_str(&j, "mqueue", l->mq_dir);
	else
		json_null(&j, "mqueue");
	if (l->notes[0] != '\0')
		json_str(&j, "notes", l->notes);
	json_arr(&j, "objects");
	for (i = 0; i < l->n; i++) {
		if (l->v[i].gone_ms != 0)
			continue;
		if (fo != NULL && fo->on && !watch_matches(&l->v[i], fo))
			continue;
		if (fo != NULL && fo->type >= 0 && (int)l->v[i].type != fo->type)
			continue;
		found = true;
		object_write(&j, NULL, &l->v[i]);
	}
	json_arr_end(&j);
	if (fo != NULL && fo->on)
		json_bool(&j, "waiting", !found);
	json_obj_end(&j);
	json_end(&j);
}
