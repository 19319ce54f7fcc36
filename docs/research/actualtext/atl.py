"""Per-line /Span <</ActualText>> BDC ... EMC inside each MCID sequence.
usage: atl.py VIS LOG OUT MODE (MODE: all | rtl)"""
import sys, pikepdf
sys.path.insert(0, '/tmp/rq'); import at
LINE_OPS = {'Td', 'TD', 'Tm', 'T*'}
SHOW = {'Tj', 'TJ', "'", '"'}
def decode(cur, operands, op):
    strs = operands[0] if op == 'TJ' else [operands[-1]]
    out = ''
    for s in strs:
        if isinstance(s, pikepdf.String):
            b = bytes(s)
            out += ''.join(cur.get(int.from_bytes(b[i:i+2], 'big'), '\ufffd') for i in range(0, len(b), 2))
    return out
def lines_per_mcid(page):
    fonts = {str(k): at.cmap(f) for k, f in page.Resources.Font.items()}
    res = {}; stack = []; cur = None
    for operands, op in pikepdf.parse_content_stream(page):
        o = str(op)
        if o in ('BDC', 'BMC'):
            mc = int(operands[1].MCID) if o == 'BDC' and isinstance(operands[1], pikepdf.Dictionary) and '/MCID' in operands[1] else None
            if mc is not None: res[mc] = ['']
            stack.append(mc)
        elif o == 'EMC': stack.pop()
        elif o == 'Tf': cur = fonts[str(operands[0])]
        elif o in LINE_OPS and stack and stack[-1] is not None:
            if res[stack[-1]][-1] != '': res[stack[-1]].append('')
        elif o in SHOW:
            mcs = [m for m in stack if m is not None]
            if mcs: res[mcs[-1]][-1] += decode(cur, operands, o)
    return res
vp, lp, outp, mode = sys.argv[1:5]
vis = pikepdf.open(vp); log = pikepdf.open(lp)
m, bad, _, _ = at.logical_map(vis, log)
badl = 0; nspans = 0
for page in vis.pages:
    og = page.objgen
    L = lines_per_mcid(page)
    plan = {}
    for mc, ls in L.items():
        t = m[(og, mc)]; pos = 0; segs = []
        for l in ls:
            seg = t[pos:pos+len(l)]; pos += len(l)
            if sorted(seg) != sorted(l): badl += 1
            segs.append(seg)
        plan[mc] = segs
    new = []; stack = []  # entries: [mcid or None, line index, span_open]
    def S(ops, op): return pikepdf.ContentStreamInstruction(ops, pikepdf.Operator(op))
    for operands, op in pikepdf.parse_content_stream(page):
        o = str(op); ins = pikepdf.ContentStreamInstruction(list(operands), op)
        top = stack[-1] if stack else None
        if o == 'EMC':
            e = stack.pop()
            if e and e[2]: new.append(S([], 'EMC'))
            new.append(ins); continue
        if o in ('BDC', 'BMC'):
            mc = int(operands[1].MCID) if o == 'BDC' and isinstance(operands[1], pikepdf.Dictionary) and '/MCID' in operands[1] else None
            new.append(ins); stack.append([mc, 0, False] if mc is not None else None); continue
        if top and o in LINE_OPS:
            if top[2]:
                new.append(S([], 'EMC')); top[2] = False; top[1] += 1
        if top and o in SHOW and not top[2]:
            seg = plan[top[0]][top[1]]
            if mode == 'all' or at.is_rtl(seg):
                new.append(S([pikepdf.Name.Span, pikepdf.Dictionary(ActualText=pikepdf.String(b'\xfe\xff' + seg.encode('utf-16-be')))], 'BDC'))
                top[2] = True; nspans += 1
            else:
                top[2] = None  # line handled, no span
        if top and o in LINE_OPS and top[2] is None:
            top[2] = False; top[1] += 1
        new.append(ins)
    page.Contents = vis.make_stream(pikepdf.unparse_content_stream(new))
print(f'{nspans} line spans, {badl} line-segment multiset mismatches', file=sys.stderr)
vis.save(outp)
