#!/usr/bin/env python3
"""Reproduce las lecciones en el simulador y compara sus salidas con las del texto.

Uso:  comprobar-lecciones.py RUTA/A/taller LECCION.md [LECCION.md …]

Por cada lección crea una carpeta temporal y recorre el Markdown en orden:
- un bloque ```yaml cuya primera línea es «# nombre.yaml» se guarda con ese nombre;
- en un bloque ```console, cada línea «$ orden» se ejecuta con bash (las órdenes
  «taller …» usan el binario indicado) y su salida se compara con las líneas que
  la siguen hasta la próxima «$». Una línea «…» marca un recorte: las demás líneas
  esperadas deben aparecer en ese orden, sin huecos entre las que no separa un «…».

Las salidas de las lecciones se grabaron con el reloj virtual parado entre órdenes,
como en los guiones de Tests/CLITests/Scenarios: antes de cada orden se escribe en
.taller/reloj una hora de pared futura, así la sesión no suma tiempo real.
Sale con 1 si alguna salida no coincide.
"""
import os, re, subprocess, sys, tempfile

def run(binary, cwd, cmd):
    shell = f'''taller() {{ mkdir -p .taller; echo 99999999999999 > .taller/reloj; "{binary}" "$@"; }}
{cmd}'''
    p = subprocess.run(['bash', '-c', shell], cwd=cwd, capture_output=True, text=True, timeout=300)
    lines = [l.rstrip().expandtabs(8).rstrip() for l in (p.stdout + p.stderr).split('\n')]
    while lines and lines[-1] == '':
        lines.pop()
    return lines

def matches(expected, actual):
    if '…' not in expected:
        return expected == actual
    chunks, cur = [], []
    for l in expected:
        if l == '…':
            chunks.append(cur); cur = []
        else:
            cur.append(l)
    chunks.append(cur)
    pos = 0
    for i, chunk in enumerate(chunks):
        if not chunk:
            continue
        found = -1
        for j in range(pos, len(actual) - len(chunk) + 1):
            if actual[j:j + len(chunk)] == chunk:
                found = j; break
        if found < 0 or (i == 0 and expected[0] != '…' and found != 0):
            return False
        pos = found + len(chunk)
    return expected[-1] == '…' or pos == len(actual)

def check(binary, path):
    lines = open(path, encoding='utf-8').read().split('\n')
    work = tempfile.mkdtemp(prefix='leccion-')
    failures, i = 0, 0
    while i < len(lines):
        m = re.match(r'^```(\w*)\s*$', lines[i])
        if not m:
            i += 1; continue
        j = i + 1
        while j < len(lines) and not lines[j].startswith('```'):
            j += 1
        body, lang = lines[i + 1:j], m.group(1)
        if lang == 'yaml' and body and re.match(r'^# \S+\.ya?ml$', body[0]):
            with open(os.path.join(work, body[0][2:]), 'w', encoding='utf-8') as f:
                f.write('\n'.join(body) + '\n')
        elif lang == 'console':
            k = 0
            while k < len(body):
                if not body[k].startswith('$ '):
                    k += 1; continue
                cmd, k = body[k][2:], k + 1
                expected = []
                while k < len(body) and not body[k].startswith('$ '):
                    expected.append(body[k]); k += 1
                actual = run(binary, work, cmd)
                if expected and not matches(expected, actual):
                    failures += 1
                    print(f'{path}: «{cmd}» no coincide')
                    print('  esperado:\n    ' + '\n    '.join(expected))
                    print('  obtenido:\n    ' + '\n    '.join(actual))
        i = j + 1
    return failures

if __name__ == '__main__':
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    total = sum(check(os.path.abspath(sys.argv[1]), p) for p in sys.argv[2:])
    print('todo coincide' if total == 0 else f'{total} salidas distintas')
    sys.exit(1 if total else 0)
