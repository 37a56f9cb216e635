#!/usr/bin/env python3
"""Clase sintética para `taller calificar`: CURSO/ (copia del curso con los ejercicios del
repositorio repetidos bajo otros ids hasta llegar a EJERCICIOS) y ENTREGAS/alumno/ejercicio/.

    scripts/gen-clase.py REPO DESTINO [ALUMNOS] [EJERCICIOS]

Con 10 o más ejercicios en el curso, usa 10 repartidos por él (sin copias). Mezcla fija (la misma en cada ejecución): 40 % bien, 25 % a medias, 15 % mal (los archivos
iniciales), 8 % YAML roto, 7 % hostiles (enlace que sale, archivo enorme, demasiados archivos,
anidación profunda, binario, réplicas desorbitadas, FIFO) y 5 % sin entregar."""
import os, re, shutil, sys, zlib

repo, dest = sys.argv[1], sys.argv[2]
students = int(sys.argv[3]) if len(sys.argv) > 3 else 1000
wanted = int(sys.argv[4]) if len(sys.argv) > 4 else 10
course, entregas = os.path.join(dest, "curso"), os.path.join(dest, "entregas")
shutil.rmtree(dest, ignore_errors=True)
os.makedirs(course)
for f in ["lessons", "exercises", "solutions"]:
    shutil.copytree(os.path.join(repo, f), os.path.join(course, f))
shutil.copy(os.path.join(repo, "INDICE.md"), course)
every = sorted(d for d in os.listdir(os.path.join(repo, "exercises")) if os.path.isdir(os.path.join(repo, "exercises", d)))
# With enough exercises, `wanted` of them spread over the course; with fewer, all of them
# and copies under other ids.
bases = [every[i * len(every) // wanted] for i in range(wanted)] if len(every) >= wanted else every
ids = list(bases)
n = len(bases) + 1
while len(ids) < wanted:  # the same exercise under another id and number (the loader allows it)
    base = bases[(len(ids)) % len(bases)]
    new = "%02d-%s-%d" % (n, base.split("-", 1)[1], n)
    shutil.copytree(os.path.join(repo, "exercises", base), os.path.join(course, "exercises", new))
    spec = os.path.join(course, "exercises", new, "ejercicio.yaml")
    text = open(spec, encoding="utf-8").read()
    open(spec, "w", encoding="utf-8").write(re.sub(r"(?m)^id: .*$", "id: " + new, text, count=1))
    shutil.copytree(os.path.join(repo, "solutions", base), os.path.join(course, "solutions", new))
    ids.append(new)
    n += 1
base_of = {i: (i if i in bases else next(b for b in bases if b.split("-", 1)[1] == i.split("-", 1)[1].rsplit("-", 1)[0])) for i in ids}

def files(folder):
    return {f: open(os.path.join(folder, f), "rb").read() for f in sorted(os.listdir(folder)) if f.endswith(".yaml")}

def partly(text):
    t = text.replace(b"replicas: 3", b"replicas: 2", 1)
    if t == text: t = re.sub(rb"image: (\S+):\S+", rb"image: \1:latest", text, count=1)
    if t == text: t = text.replace(b"port: 80", b"port: 8080", 1)
    return t

os.makedirs(entregas)
for s in range(students):
    student = "alumno%04d@universidad.es" % s
    for e in ids:
        h = zlib.crc32(("%s/%s" % (student, e)).encode()) % 100
        folder = os.path.join(entregas, student, e)
        if h < 5: continue
        os.makedirs(folder)
        good = files(os.path.join(course, "solutions", base_of[e]))
        if h < 45: out = good
        elif h < 70: out = {k: partly(v) for k, v in good.items()}
        elif h < 85: out = files(os.path.join(course, "exercises", base_of[e], "inicial"))
        elif h < 93: out = {k: v.replace(b"metadata:", b"metadata: [", 1) for k, v in good.items()}
        else:
            kind = h % 7
            out = {}
            name = sorted(good)[0] if good else "manifiesto.yaml"  # a file the exercise reads
            if kind == 0: os.symlink("/etc/passwd", os.path.join(folder, name))
            elif kind == 1: out = {name: b"# " + b"x" * (2 << 20) + b"\n"}
            elif kind == 2: out = {"f%03d.yaml" % i: b"a: 1\n" for i in range(60)}
            elif kind == 3: out = {name: b"[" * 20000 + b"]" * 20000 + b"\n"}
            elif kind == 4: out = {name: bytes(range(256)) * 8}
            elif kind == 5: out = {k: re.sub(rb"replicas: \d+", b"replicas: 100000000", v) if b"replicas:" in v
                                   else v + b"---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: bomba}\nspec: {replicas: 100000000, selector: {matchLabels: {a: b}}, template: {metadata: {labels: {a: b}}, spec: {containers: [{name: c, image: nginx:1.27}]}}}\n"
                                   for k, v in good.items()}
            else: os.mkfifo(os.path.join(folder, name))
        for k, v in out.items():
            open(os.path.join(folder, k), "wb").write(v)
print(",".join(ids))
