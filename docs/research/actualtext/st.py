"""ActualText on structure elements. usage: st.py VIS LOG OUT FORM SCOPE
FORM: plain | rlm | rle | rli | utf8 | lrm-runs
SCOPE: own (elements with direct MCIDs: text of own MCIDs) | subtree (elements with direct MCIDs: whole subtree text; descendants none)"""
import sys, pikepdf, unicodedata
sys.path.insert(0, '/tmp/rq'); import at
vp, lp, out, form, scope = sys.argv[1:6]
vis = pikepdf.open(vp); log = pikepdf.open(lp)
m, bad, _, _ = at.logical_map(vis, log)
if form == 'vis': m = dict(at.texts(vis))
def enc(t):
    if form == 'rlm': t = '\u200f' + t
    elif form == 'rle': t = '\u202b' + t + '\u202c'
    elif form == 'rli': t = '\u2067' + t + '\u2069'
    elif form == 'lro': t = '\u202d' + t + '\u202c'
    elif form == 'rev': t = t[::-1]
    if form == 'utf8': return pikepdf.String(b'\xef\xbb\xbf' + t.encode('utf-8'))
    return pikepdf.String(b'\xfe\xff' + t.encode('utf-16-be'))
def kids(e):
    K = e.get('/K')
    if K is None: return []
    return list(K) if isinstance(K, pikepdf.Array) else [K]
def own(e, pg):
    r = []
    for k in kids(e):
        if isinstance(k, int): r.append((pg.objgen, int(k)))
        elif isinstance(k, pikepdf.Dictionary) and k.get('/Type') == '/MCR': r.append(((k.get('/Pg') or pg).objgen, int(k.MCID)))
    return r
def sub(e, pg):
    r = []
    for k in kids(e):
        if isinstance(k, int): r.append((pg.objgen, int(k)))
        elif isinstance(k, pikepdf.Dictionary):
            if k.get('/Type') == '/MCR': r.append(((k.get('/Pg') or pg).objgen, int(k.MCID)))
            elif k.get('/Type') != '/OBJR': r += sub(k, k.get('/Pg') or pg)
    return r
n = 0
def walk(e, pg, covered):
    global n
    if not isinstance(e, pikepdf.Dictionary) or e.get('/Type') in ('/MCR', '/OBJR'): return
    pg = e.get('/Pg') or pg
    o = own(e, pg)
    if o and not covered:
        ids = o if scope == 'own' else sub(e, pg)
        e.ActualText = enc(''.join(m[i] for i in ids)); n += 1
        if scope == 'subtree': covered = True
    for k in kids(e): walk(k, pg, covered)
for k in kids(vis.Root.StructTreeRoot): walk(k, None, False)
print(n, 'elements', file=sys.stderr)
vis.save(out)
