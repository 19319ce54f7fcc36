import json, sys, os
docs = sys.argv[1].split(','); vars_ = sys.argv[2].split(',')
engs = ["pdfinfo-struct","pdfinfo-struct-eq","pdftotext","pdftotext-raw","mutool","pymupdf","pdfminer","pdfium","pdfjs","pypdf"]
for d in docs:
    print(f'\n#### {d}\n')
    print('| engine | ' + ' | '.join(v or 'visual' for v in vars_) + ' |')
    print('|---' * (len(vars_)+1) + '|')
    R = {}
    for v in vars_:
        f = f'j-{d}{v}.json'
        if not os.path.exists(f) or not os.path.getsize(f): R[v] = None; continue
        R[v] = {r['name']: r for r in json.load(open(f))['results']}
    for e in engs:
        cells = []
        for v in vars_:
            r = R[v] and R[v].get(e)
            if not r: cells.append('–'); continue
            if r.get('error'): cells.append('ERR'); continue
            cells.append(f"{r['percent']['words']:.1f} / {r['percent']['strict']:.1f} / {r['recall']:.3f}" if r.get('recall') is not None else f"{r['percent']['words']:.1f} / {r['percent']['strict']:.1f}")
        print(f'| {e} | ' + ' | '.join(cells) + ' |')
