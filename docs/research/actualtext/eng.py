import sys; sys.path.insert(0,'/work/main/tools')
from text_engines import FUNCS
for f in sys.argv[1:]:
    print('==', f)
    for n, fn in FUNCS.items():
        try:
            r = fn(f)
            if isinstance(r, tuple): r = r[0]
            if isinstance(r, list): r = '\f'.join(r)
            r = ' | '.join(l for l in r.splitlines() if l.strip() and not l.strip().isdigit())
        except Exception as e: r = 'ERR ' + str(e)[:80]
        print(f'{n:15s}', repr(r[:150]))
