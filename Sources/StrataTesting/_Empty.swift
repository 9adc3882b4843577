// placeholder to let the dependency build start; replaced below
