"""Add /ActualText to marked-content sequences of a warraq visual PDF.
usage: at.py VISUAL.pdf LOGICAL.pdf OUT.pdf MODE   (MODE: all | rtl | span)"""
import sys, re, unicodedata, pikepdf
CTRL = set("\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")

def cmap(font):
    m = {}
    tu = font.get('/ToUnicode')
    if tu is None: return m
    s = tu.read_bytes().decode('latin1')
    for blk in re.findall(r'beginbfchar(.*?)endbfchar', s, re.S):
        for a, b in re.findall(r'<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>', blk):
            m[int(a, 16)] = bytes.fromhex(b).decode('utf-16-be')
    for blk in re.findall(r'beginbfrange(.*?)endbfrange', s, re.S):
        for a, b, c in re.findall(r'<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>', blk):
            a, b = int(a, 16), int(b, 16); cb = bytes.fromhex(c)
            base = int.from_bytes(cb, 'big')
            for i in range(a, b + 1):
                m[i] = (base + i - a).to_bytes(len(cb), 'big').decode('utf-16-be')
    return m

def page_mcid_texts(doc, page):
    fonts = {str(k): cmap(f) for k, f in page.Resources.Font.items()}
    out = {}; stack = []; cur = None
    for operands, op in pikepdf.parse_content_stream(page):
        op = str(op)
        if op in ('BDC', 'BMC'):
            mc = None
            if op == 'BDC' and isinstance(operands[1], pikepdf.Dictionary) and '/MCID' in operands[1]:
                mc = int(operands[1].MCID); out[mc] = ''
            stack.append(mc)
        elif op == 'EMC':
            stack.pop()
        elif op == 'Tf':
            cur = fonts[str(operands[0])]
        elif op in ('Tj', 'TJ', "'", '"'):
            mcs = [m for m in stack if m is not None]
            if not mcs: continue
            strs = operands[0] if op == 'TJ' else [operands[-1]]
            for s in strs:
                if isinstance(s, pikepdf.String):
                    b = bytes(s)
                    out[mcs[-1]] += ''.join(cur.get(int.from_bytes(b[i:i+2], 'big'), '\ufffd') for i in range(0, len(b), 2))
    return out

def dfs_mcids(doc):
    """MCIDs in structure (K) order: list of (page objgen, mcid)."""
    seq = []
    def walk(e, pg):
        if isinstance(e, pikepdf.Array):
            for x in e: walk(x, pg)
        elif isinstance(e, pikepdf.Dictionary):
            if e.get('/Type') == '/MCR':
                seq.append(((e.get('/Pg') or pg).objgen, int(e.MCID)))
            elif e.get('/Type') == '/OBJR':
                pass
            else:
                walk(e.get('/K', pikepdf.Array()), e.get('/Pg') or pg)
        elif isinstance(e, int):
            seq.append((pg.objgen, int(e)))
    walk(doc.Root.StructTreeRoot.K, None)
    return seq

def texts(doc):
    per = {p.objgen: page_mcid_texts(doc, p) for p in doc.pages}
    return [(k, per[k[0]][k[1]]) for k in dfs_mcids(doc)]

def is_rtl(s):
    return any(unicodedata.bidirectional(c) in ('R', 'AL') for c in s)

def logical_map(vis, log):
    V = texts(vis)
    L = ''.join(c for _, t in texts(log) for c in t if c not in CTRL)
    res = {}; pos = 0; bad = 0
    for k, t in V:
        seg = L[pos:pos + len(t)]; pos += len(t)
        if sorted(seg) != sorted(t):
            bad += 1
        res[k] = seg
    return res, bad, pos, len(L)

def main():
    vpath, lpath, outp, mode = sys.argv[1:5]
    vis = pikepdf.open(vpath); log = pikepdf.open(lpath)
    m, bad, pos, n = logical_map(vis, log)
    print(f'{len(m)} MCIDs, {bad} segment mismatches, consumed {pos}/{n} chars', file=sys.stderr)
    pass
    for page in vis.pages:
        og = page.objgen
        new = []; stack = []
        for operands, op in pikepdf.parse_content_stream(page):
            o = str(op)
            ins = pikepdf.ContentStreamInstruction(list(operands), op)
            if o == 'EMC':
                if stack.pop():
                    new.append(pikepdf.ContentStreamInstruction([], pikepdf.Operator('EMC')))
                new.append(ins); continue
            if o == 'BMC':
                stack.append(False)
            if o == 'BDC':
                span = False
                if isinstance(operands[1], pikepdf.Dictionary) and '/MCID' in operands[1]:
                    t = m[(og, int(operands[1].MCID))]
                    at = pikepdf.String(b'\xfe\xff' + t.encode('utf-16-be'))
                    if mode == 'all' or (mode == 'rtl' and is_rtl(t)):
                        d = pikepdf.Dictionary({k: v for k, v in operands[1].items()})
                        d.ActualText = at
                        ins = pikepdf.ContentStreamInstruction([operands[0], d], op)
                    elif mode == 'span':
                        new.append(ins)
                        ins = pikepdf.ContentStreamInstruction([pikepdf.Name.Span, pikepdf.Dictionary(ActualText=at)], op)
                        span = True
                stack.append(span)
            new.append(ins)
        page.Contents = vis.make_stream(pikepdf.unparse_content_stream(new))
    vis.save(outp)

if __name__ == '__main__':
    main()
